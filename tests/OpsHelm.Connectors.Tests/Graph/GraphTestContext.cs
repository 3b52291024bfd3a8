using Microsoft.Graph;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Connectors.Tests.Graph.Fake;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;
using OpsHelm.Core.Ports;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>A fake Graph on loopback, the real GraphServiceClient pointed at it, a fake clock and the real embedded store in a temporary directory.</summary>
internal sealed class GraphTestContext : IAsyncDisposable
{
    public const string Mailbox = "ops@fabrikam-msp.com";
    public const string WorkspaceId = "ws-fabrikam";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private GraphTestContext(FakeGraphServer graph, RetryClock clock, GraphOptions options, GraphServiceClient client)
    {
        Graph = graph;
        Clock = clock;
        Options = options;
        Client = client;
        Store = TempEmbeddedStore.Open(clock.Time);
        Health = new SourceHealthTracker(HealthStore, clock.Time);
    }

    public FakeGraphServer Graph { get; }
    /// <summary>The clock of everything here, retries included: <see cref="ReadAllAsync"/> lets the retries' waits pass.</summary>
    public RetryClock Clock { get; }
    public FakeTimeProvider Time => Clock.Time;
    public GraphOptions Options { get; }
    public GraphServiceClient Client { get; }
    public TempEmbeddedStore Store { get; }
    public ISourceHealthStore HealthStore => Store.Store.Health;
    public ISubscriptionStore Subscriptions => Store.Store.Subscriptions;
    public IPushInbox Inbox => Store.Store.PushInbox;
    public SourceHealthTracker Health { get; }
    public IReadOnlyList<(int? Status, TimeSpan Delay)> Retries => Clock.Retries;

    public static async Task<GraphTestContext> StartAsync(Action<GraphOptions>? configure = null, string token = FakeGraphServer.Token)
    {
        var clock = new RetryClock(new FakeTimeProvider(Start));
        var graph = await FakeGraphServer.StartAsync(clock.Time.GetUtcNow);
        var options = new GraphOptions { BaseUrl = graph.BaseUrl };
        options.Mail.PageSize = 10;
        configure?.Invoke(options);
        var client = GraphClientBuilder.Create(options, new StaticTokenCredential(token), clock.Time, onRetry: clock.OnRetry);
        return new GraphTestContext(graph, clock, options, client);
    }

    public GraphMailDeltaSource MailSource() => new(Client, Options.Mail, Health, Time);

    public static WorkspaceConfig Workspace(params string[] folders) => new()
    {
        Id = WorkspaceId,
        Name = "Fabrikam MSP",
        InternalDomains = ["fabrikam-msp.com"],
        Mailboxes = [new MailboxConfig { Id = "ops", Address = Mailbox, Folders = folders }],
        TicketSources = [new TicketSourceConfig { System = "ServiceNow" }],
    };

    /// <summary>Every batch of one read (its retries' waits passed on the clock), and the exception that ended it, if any.</summary>
    public async Task<(List<SourceBatch> Batches, Exception? Error)> ReadAllAsync(IMessageSource source, WorkspaceConfig workspace, IReadOnlyList<ProcessingState>? states = null)
    {
        var batches = new List<SourceBatch>();
        try
        {
            await Clock.RunAsync(async () =>
            {
                await foreach (var batch in source.ReadAsync(workspace, states ?? [], null, CancellationToken.None))
                {
                    batches.Add(batch);
                }
            });
            return (batches, null);
        }
        catch (Exception ex)
        {
            return (batches, ex);
        }
    }

    /// <summary>The checkpoints of <paramref name="batches"/> as the runner would have saved them (last one per folder).</summary>
    public static List<ProcessingState> StatesAfter(IEnumerable<SourceBatch> batches) =>
        batches.SelectMany(b => b.Checkpoints)
            .GroupBy(c => (c.Mailbox, c.Folder))
            .Select(g => new ProcessingState { WorkspaceId = WorkspaceId, Mailbox = g.Key.Mailbox, Folder = g.Key.Folder, Checkpoint = g.Last().Checkpoint })
            .ToList();

    /// <summary>The workspace's pushes still Pending, oldest first.</summary>
    public Task<IReadOnlyList<PushNotice>> PendingPushesAsync() => Inbox.ListPendingAsync(WorkspaceId, int.MaxValue, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Graph.DisposeAsync();
        await Store.DisposeAsync();
    }
}
