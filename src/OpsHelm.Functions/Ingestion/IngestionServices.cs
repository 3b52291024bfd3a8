using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsHelm.Api.Ingestion;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;

namespace OpsHelm.Functions.Ingestion;

/// <summary>Registers ingestion under the Functions host: the run steps the activities call and the starter the triggers use.</summary>
public static class IngestionServices
{
    /// <summary>Adds the ingestion services; the store ports, <see cref="TimeProvider"/> and <see cref="IIngestionSources"/> come from the host (a default over the workspace registry is added when missing).</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddRunSteps();
        services.TryAddSingleton<IngestionStarter>();
        return services;
    }
}
