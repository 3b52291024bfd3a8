using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;
using OpsHelm.Functions.Ingestion;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.DurableWorker;

/// <summary>The worker's registrations: the Durable backend with its gRPC sidecar, and the ingestion worker over the embedded store.</summary>
public static class Extensions
{
    /// <summary>
    /// The sidecar: Kestrel (HTTP/2) on the fixed loopback port, <see cref="TaskHubGrpcServer"/> over an
    /// <see cref="AzureStorageOrchestrationService"/> on the configured account.
    /// </summary>
    public static void AddDurableBackend(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DurableWorkerOptions>().BindConfiguration(DurableWorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var port = builder.Configuration.GetValue<int>($"{DurableWorkerOptions.Section}:{nameof(DurableWorkerOptions.Port)}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(sp => new AzureStorageOrchestrationService(
            BackendSettings.For(sp.GetRequiredService<IOptions<DurableWorkerOptions>>().Value, sp.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        builder.Services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        builder.Services.AddSingleton<TaskHubGrpcServer>();
    }

    /// <summary>Creates the task hub's queues, tables and containers when they are missing (before the sidecar serves).</summary>
    public static Task CreateTaskHubAsync(this WebApplication app) =>
        app.Services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();

    /// <summary>
    /// The Durable worker and client over a channel to this process's own sidecar, the Functions app's orchestration and
    /// activities with its ingestion services, the embedded store and the fake mailbox they read.
    /// </summary>
    public static void AddIngestionWorker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => EmbeddedStore.Open(sp.GetRequiredService<IOptions<DurableWorkerOptions>>().Value.StoreDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Records);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().States);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Attachments);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Archive);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().PushInbox);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DurableWorkerOptions>>().Value;
            return new FakeMailbox(options.Messages, options.PageSize);
        });
        services.AddSingleton(sp => new WorkspaceProfile(FakeMailbox.Workspace(sp.GetRequiredService<IOptions<DurableWorkerOptions>>().Value.WorkspaceId)));
        services.AddSingleton<IIngestionSources, FakeSources>();
        // The Functions app's own registration of the run steps (OpsHelm:Ingestion settings); the sources above win over its default.
        services.AddIngestion();

        var port = builder.Configuration.GetValue<int>($"{DurableWorkerOptions.Section}:{nameof(DurableWorkerOptions.Port)}");
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        services.AddSingleton(channel);
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(IngestionRegistration.Register);
        });
        services.AddDurableTaskClient(client => client.UseGrpc(channel));
        services.AddHostedService<RunStarter>();
    }
}
