using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;

namespace OpsHelm.Api.Ingestion;

/// <summary>Registers the run steps both hosts drive (the Durable activities under the Functions host, the in-process driver under serve).</summary>
public static class RunStepServices
{
    /// <summary>Adds the settings, the workspaces' sources, the pipeline and the five run steps (what a host already registered wins).</summary>
    public static IServiceCollection AddRunSteps(this IServiceCollection services)
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
        return services;
    }

    /// <summary>Adds <c>opshelm serve</c>'s ingestion: the in-process driver over the run steps, started by requests, notices and its own resume.</summary>
    public static IServiceCollection AddInProcessIngestion(this IServiceCollection services)
    {
        services.AddRunSteps();
        services.TryAddSingleton<InProcessIngestion>();
        services.AddSingleton<ServeIngestion>();
        services.AddSingleton<IIngestionStarter>(sp => sp.GetRequiredService<ServeIngestion>());
        services.AddSingleton<INoticeSink>(sp => sp.GetRequiredService<ServeIngestion>());
        services.AddHostedService(sp => sp.GetRequiredService<ServeIngestion>());
        return services;
    }
}
