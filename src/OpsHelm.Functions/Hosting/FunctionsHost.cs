using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using OpsHelm.Api.Hosting;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Hosting;

/// <summary>The isolated worker's host: ASP.NET Core integration and the API's services (tests build it the same way).</summary>
public static class FunctionsHost
{
    /// <summary>Builds the host; <paramref name="configure"/> may add settings or services (tests).</summary>
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<ApiResponseHeadersMiddleware>();
        builder.Services.AddOpsHelmApi();
        builder.Services.AddIngestion();
        configure?.Invoke(builder);
        var host = builder.Build();
        ApiServices.ValidateAtStart(host.Services);
        return host;
    }
}
