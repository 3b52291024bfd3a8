using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;

namespace OpsHelm.Functions.Ingestion;

/// <summary>Registers ingestion: the run steps the activities call, the starter the triggers use, and the in-process driver for hosts without Durable.</summary>
public static class IngestionServices
{
    /// <summary>Adds the ingestion services; the store ports, <see cref="TimeProvider"/> and <see cref="IIngestionSources"/> come from the host (a default over the workspace registry is added when missing).</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.ToSettings());
        services.TryAddSingleton<IIngestionSources, RegistrySources>();
        services.TryAddSingleton(sp => new MessagePipeline(new PipelineOptions(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new MessageProcessor(sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<IAttachmentStore>(),
            sp.GetRequiredService<IMessageArchive>(), sp.GetRequiredService<MessagePipeline>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MessageProcessor>>()));
        services.TryAddSingleton<TicketSweep>();
        services.TryAddSingleton<PullPageStep>();
        services.TryAddSingleton<ProcessMessageStep>();
        services.TryAddSingleton<RecordProcessingFailureStep>();
        services.TryAddSingleton<CommitCheckpointsStep>();
        services.TryAddSingleton<FinalizeRunStep>();
        services.TryAddSingleton<IngestionStarter>();
        services.TryAddSingleton<InProcessIngestion>();
        return services;
    }
}
