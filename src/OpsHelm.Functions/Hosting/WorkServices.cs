using Microsoft.Extensions.Options;
using Microsoft.Graph;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Work;
using OpsHelm.Functions.Functions.Queues;
using OpsHelm.Functions.Hosting.CustomHandler;
using OpsHelm.Functions.Work;
using OpsHelm.Storage.Azure;
using OpsHelm.Storage.Azure.ServiceBus;

namespace OpsHelm.Functions.Hosting;

/// <summary>Registers the fan-out: provider clients, the runner's steps, the pull coordinator, and either the in-process workers (Store kind) or the Service Bus sender and trigger (ServiceBus kind).</summary>
public static class WorkServices
{
    /// <summary>Adds the work services; <paramref name="configuration"/> decides whether in-process workers run.</summary>
    public static IServiceCollection AddWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkQueueOptions>().BindConfiguration(WorkQueueOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkQueueOptions>, WorkQueueOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkQueueOptions>>().Value.ToSettings());
        services.AddSingleton(sp => new MessagePipeline(new PipelineOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new MessageProcessor(sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<IAttachmentStore>(),
            sp.GetRequiredService<IMessageArchive>(), sp.GetRequiredService<MessagePipeline>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MessageProcessor>>()));
        services.AddSingleton<TicketSweep>();
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<FanOutPull>();
        services.AddSingleton<WorkItemProcessor>();
        services.AddSingleton<RunFinalizer>();
        services.AddSingleton<RunSupervisor>();
        services.AddSingleton(sp => new SourceHealthTracker(sp.GetRequiredService<ISourceHealthStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(ProviderClientsOf);
        services.AddSingleton<WorkspaceSources>();
        services.AddSingleton<PullCoordinator>();
        services.AddSingleton<OpsHelm.Core.Triage.ExceptionTriage>();

        var queue = new WorkQueueOptions();
        configuration.GetSection(WorkQueueOptions.Section).Bind(queue);
        if (queue.UsesServiceBus)
        {
            services.AddSingleton<IWorkNotifier>(ServiceBusNotifierOf);
        }
        else
        {
            services.AddSingleton<IWorkNotifier, InProcessWorkNotifier>();
            services.AddHostedService<WorkerPool>();
            services.AddHostedService<PullCoordinatorService>();
        }
        services.AddSingleton<IWorkDispatcher>(sp => sp.GetRequiredService<IWorkNotifier>());
        // Served in both kinds (its function.json ships either way); only the ServiceBus kind's host delivers to it.
        services.AddSingleton<IInvokedFunction, ProcessWorkItemFunction>();
        return services;
    }

    private static ServiceBusWorkNotifier ServiceBusNotifierOf(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<WorkQueueOptions>>().Value;
        var sender = new ServiceBusRestSender(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ServiceBusRestSender)),
            ServiceBusQueueEndpoint.MessagesUri(options.ServiceBusNamespace!, options.QueueName), AzureCredentials.For(options.ManagedIdentityClientId),
            sp.GetRequiredService<TimeProvider>());
        return new ServiceBusWorkNotifier(sender, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ServiceBusWorkNotifier>>());
    }

    private static ProviderClients ProviderClientsOf(IServiceProvider sp)
    {
        var time = sp.GetRequiredService<TimeProvider>();
        var health = sp.GetRequiredService<SourceHealthTracker>();
        var subscriptions = sp.GetRequiredService<ISubscriptionStore>();
        var http = sp.GetRequiredService<IHttpClientFactory>();
        var graphOptions = sp.GetRequiredService<GraphOptions>();
        // Without any Graph:Credential setting Graph is not configured (rather than a managed identity a laptop does not have).
        var graphSet = sp.GetRequiredService<IConfiguration>().GetSection(GraphOptions.SectionName + ":Credential").Exists();
        var graph = Configured.Of(() => graphSet
            ? GraphClientBuilder.Create(graphOptions, Credential(graphOptions), time)
            : throw new InvalidOperationException($"no {GraphOptions.SectionName}:Credential settings"));
        var gmail = Configured.Of(() =>
        {
            var options = ConnectorServices.Bind<GmailOptions>(sp, GmailOptions.SectionName);
            options.Validate();
            var credential = ConnectorServices.Bind<GmailCredentialOptions>(sp, GmailOptions.SectionName + ":Credential");
            credential.Validate();
            return new GmailConnection(http.CreateClient(nameof(GmailConnection)), new GmailCredentialFactory(credential), options, time);
        });
        var whatsApp = Configured.Of(() =>
        {
            var options = ConnectorServices.Bind<WhatsAppOptions>(sp, WhatsAppOptions.SectionName);
            options.Validate();
            return new WhatsAppMediaClient(http.CreateClient(nameof(WhatsAppMediaClient)), options, time);
        });
        var graphSubscriptions = Configured.Of(() => new GraphSubscriptionManager(
            graph.Value ?? throw new InvalidOperationException(graph.Missing), graphOptions.Subscriptions, subscriptions, health, time));
        var gmailWatches = Configured.Of(() => new GmailWatchManager(gmail.Value ?? throw new InvalidOperationException(gmail.Missing), subscriptions, health, time));
        return new ProviderClients(graphOptions, graph, gmail, whatsApp, graphSubscriptions, gmailWatches, health);
    }

    private static Azure.Core.TokenCredential Credential(GraphOptions options)
    {
        try
        {
            return GraphCredentialFactory.Create(options.Credential);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}
