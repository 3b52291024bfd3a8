using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests.Gmail;

/// <summary>The real Gmail connector pointed at a fake Gmail on loopback, with the real embedded store in a temporary directory.</summary>
internal sealed class GmailHarness : IAsyncDisposable
{
    public const string Address = "dana@opshelm-msp.com";
    public const string WorkspaceId = "ws-gmail";

    private GmailHarness(FakeGmailServer fake, GmailOptions options, IGmailTokenSource tokens)
    {
        Fake = fake;
        Options = options;
        Connection = new GmailConnection(Http, tokens, options, RetryClock.Time, RetryClock.OnRetry);
        Health = new SourceHealthTracker(HealthStore, TimeProvider.System);
    }

    public FakeGmailServer Fake { get; }
    public HttpClient Http { get; } = new();
    /// <summary>The clock the connection's retries wait on; <see cref="ReadAllAsync"/> lets their waits pass.</summary>
    public RetryClock RetryClock { get; } = new(new FakeTimeProvider());
    public IReadOnlyList<(int? Status, TimeSpan Delay)> Retries => RetryClock.Retries;
    public TempEmbeddedStore Store { get; } = TempEmbeddedStore.Open();
    public ISourceHealthStore HealthStore => Store.Store.Health;
    public ISubscriptionStore Subscriptions => Store.Store.Subscriptions;
    public IPushInbox Inbox => Store.Store.PushInbox;
    public SourceHealthTracker Health { get; }
    public GmailOptions Options { get; }
    public GmailConnection Connection { get; }

    public WorkspaceConfig Workspace { get; } = new()
    {
        Id = WorkspaceId,
        Name = "Gmail workspace",
        Mailboxes = [new MailboxConfig { Id = "dana", Provider = "Gmail", Address = Address }],
        InternalDomains = ["opshelm-msp.com"],
        TicketSources = [new TicketSourceConfig { System = "ServiceNow" }],
    };

    public static async Task<GmailHarness> StartAsync(Action<GmailOptions>? configure = null, Func<FakeGmailServer, IGmailTokenSource>? tokens = null)
    {
        var fake = await FakeGmailServer.StartAsync(Address);
        var options = new GmailOptions { BaseUrl = fake.BaseUrl, RetryBaseDelay = TimeSpan.FromSeconds(1), WatchTopicName = "projects/opshelm/topics/gmail" };
        configure?.Invoke(options);
        return new GmailHarness(fake, options, tokens?.Invoke(fake) ?? new StaticGmailTokenSource(FakeGmailServer.AccessToken));
    }

    public GmailHistorySource Source(IRecordStore? records = null, IPushInbox? pushes = null) =>
        new(Connection, Health, TimeProvider.System, records, pushes);

    public static ProcessingState Checkpoint(long historyId) => new()
    {
        WorkspaceId = WorkspaceId,
        Mailbox = Address,
        Folder = GmailHistorySource.StreamFolder,
        Checkpoint = historyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Every batch of one read, its retries' waits passed on <see cref="RetryClock"/>.</summary>
    public Task<List<SourceBatch>> ReadAllAsync(IMessageSource source, params ProcessingState[] states) =>
        RetryClock.RunAsync(async () =>
        {
            var batches = new List<SourceBatch>();
            await foreach (var batch in source.ReadAsync(Workspace, states, null, CancellationToken.None))
            {
                batches.Add(batch);
            }
            return batches;
        });

    public async Task<SourceHealth?> HealthOfMailboxAsync() => await HealthStore.GetAsync(WorkspaceId, Address, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Fake.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>A fixed access token: the real token endpoint is off the machine.</summary>
internal sealed class StaticGmailTokenSource(string token) : IGmailTokenSource
{
    public Task<string> GetAccessTokenAsync(string mailbox, CancellationToken cancellationToken) => Task.FromResult(token);
}
