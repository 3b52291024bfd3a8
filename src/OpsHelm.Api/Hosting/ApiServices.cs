using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OpsHelm.Api.Access;
using OpsHelm.Api.Hosting.Telemetry;
using OpsHelm.Api.Scheduled;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Triage;

namespace OpsHelm.Api.Hosting;

/// <summary>
/// Registers what the HTTP surface needs in either host: settings, workspaces, principal, store, webhook handlers, provider
/// clients, the pipeline and triage, telemetry, the scheduled jobs and the OpenAPI document.
/// </summary>
public static class ApiServices
{
    /// <summary>Adds the API's services.</summary>
    public static IServiceCollection AddOpsHelmApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddOpsHelmTelemetry();
        services.AddSingleton(sp => WorkspaceRegistry.Load(sp.GetRequiredService<IOptions<ApiOptions>>().Value.WorkspaceConfigs));
        services.AddSingleton<WorkspaceAccess>();
        services.AddStores();
        services.AddWebhookHandlers();
        services.AddSingleton(sp => new MessagePipeline(new PipelineOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new MessageProcessor(sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<IAttachmentStore>(),
            sp.GetRequiredService<IMessageArchive>(), sp.GetRequiredService<MessagePipeline>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MessageProcessor>>()));
        services.AddSingleton(sp => new IngestionRunner(sp.GetRequiredService<IProcessingStateStore>(), sp.GetRequiredService<IRecordStore>(),
            sp.GetRequiredService<IAttachmentStore>(), sp.GetRequiredService<IMessageArchive>(), sp.GetRequiredService<IWorkspaceLock>(),
            sp.GetRequiredService<MessagePipeline>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<IngestionRunner>>(),
            sp.GetRequiredService<IPageTransactions>()));
        services.AddSingleton<TicketSweep>();
        services.AddSingleton<ExceptionTriage>();
        services.AddSingleton<Portal.MessageServices>();
        services.AddSingleton(sp => new SourceHealthTracker(sp.GetRequiredService<ISourceHealthStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddProviderClients();
        services.AddSingleton<IScheduledJob, PollJob>();
        services.AddSingleton<IScheduledJob, SweepJob>();
        services.AddSingleton<IScheduledJob, RenewGraphSubscriptionsJob>();
        services.AddSingleton<IScheduledJob, RenewGmailWatchesJob>();
        services.AddSingleton<PollJob>();
        services.AddSingleton<SweepJob>();
        services.AddSingleton<RenewGraphSubscriptionsJob>();
        services.AddSingleton<RenewGmailWatchesJob>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddPortalOpenApi();
        return services;
    }

    /// <summary>
    /// Resolves what must exist before the first request (workspace files, store), so a wrong setting stops start-up with
    /// its name rather than failing the first request.
    /// </summary>
    public static void ValidateAtStart(IServiceProvider services)
    {
        services.GetRequiredService<WorkspaceRegistry>();
        services.GetRequiredService<OpsHelm.Storage.StoreSet>();
    }
}
