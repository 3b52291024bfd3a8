using Microsoft.Extensions.Time.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Workspaces;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Core.Tests.Ingestion;

/// <summary>The real run steps over a throw-away embedded store, reading a <see cref="PagedMailbox"/>; the archive can be made to fail.</summary>
internal sealed class IngestionHarness : IAsyncDisposable, IIngestionSources
{
    public const string Mailbox = "dana@harborlightit.com";

    public static readonly WorkspaceConfig Workspace = new()
    {
        Id = "ws-ingest",
        TimeZone = "America/New_York",
        Mailboxes = [new MailboxConfig { Id = "m1", Address = Mailbox }],
        InternalDomains = ["harborlightit.com"],
        Customers = [new CustomerConfig { Name = "Quarry Lane Logistics", Domains = ["quarrylane.com"] }],
        TicketSources = [new TicketSourceConfig { System = "ServiceNow", Senders = ["quarrylane@service-now.com"] }],
    };

    private static readonly WorkspaceProfile Profile = new(Workspace);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "opshelm-ingestion-tests", Guid.NewGuid().ToString("n"));

    public IngestionHarness(IngestionSettings? settings = null)
    {
        Settings = settings ?? new IngestionSettings { PageSize = 1, FirstRetryInterval = TimeSpan.Zero, MaxAttempts = 3 };
        // Every reading one millisecond after the last, so runs started one after another sort by their start.
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        Store = EmbeddedStore.Open(_directory, Time);
        Archive = new FlakyArchive(Store.Archive);
        Processor = new MessageProcessor(Store.Records, Store.Attachments, Archive, new MessagePipeline(new PipelineOptions(), Time), Time, NullLogger.Instance);
        Pull = new PullPageStep(this, Store.States, Store.Records, Store.PushInbox, Archive, Processor, Settings, NullLogger<PullPageStep>.Instance);
        Process = new ProcessMessageStep(this, Archive, Processor, Time);
        RecordFailure = new RecordProcessingFailureStep(this, Archive, Processor);
        Commit = new CommitCheckpointsStep(Store.States, Time);
        Finalize = new FinalizeRunStep(this, Store.Records, Store.PushInbox, new TicketSweep(Store.Records, Time), Time, NullLogger<FinalizeRunStep>.Instance);
    }

    public IngestionSettings Settings { get; }
    public FakeTimeProvider Time { get; }
    public EmbeddedStore Store { get; }
    public FlakyArchive Archive { get; }
    public MessageProcessor Processor { get; }
    public PagedMailbox Source { get; } = new(Mailbox);
    public PullPageStep Pull { get; }
    public ProcessMessageStep Process { get; }
    public RecordProcessingFailureStep RecordFailure { get; }
    public CommitCheckpointsStep Commit { get; }
    public FinalizeRunStep Finalize { get; }
    public string WorkspaceId => Workspace.Id;

    public InProcessIngestion Driver() =>
        new(Pull, Process, RecordFailure, Commit, Finalize, Store.Records, Settings, Time, NullLogger<InProcessIngestion>.Instance);

    /// <summary>Adds <paramref name="pages"/> pages of <paramref name="perPage"/> distinct received messages, ids <c>{prefix}-{n}</c> from 1.</summary>
    public IReadOnlyList<InboundMessage> AddPages(int pages, int perPage, string prefix = "m", DateTimeOffset? sentAt = null)
    {
        var all = new List<InboundMessage>();
        for (var page = 0; page < pages; page++)
        {
            var messages = Enumerable.Range(1, perPage)
                .Select(i => Received($"{prefix}-{page * perPage + i}", $"Question {page * perPage + i} about the VPN", sentAt))
                .ToList();
            Source.AddPage(messages);
            all.AddRange(messages);
        }
        return all;
    }

    public static InboundMessage Received(string id, string subject, DateTimeOffset? sentAt = null, string from = "ops@quarrylane.com", string body = "Can you check the VPN tunnel for us?",
        string? conversation = null) => new()
    {
        ProviderMessageId = id,
        Mailbox = Mailbox,
        Folder = "inbox",
        ConversationId = conversation ?? "conv-" + id,
        InternetMessageId = $"<{id}@quarrylane.com>",
        Subject = subject,
        Body = body,
        From = new Participant(from),
        To = [new Participant(Mailbox)],
        SentAt = sentAt ?? DateTimeOffset.Parse("2026-11-19T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static InboundMessage Sent(string id, string subject, string body, DateTimeOffset sentAt) => new()
    {
        ProviderMessageId = id,
        Mailbox = Mailbox,
        Folder = "sentitems",
        ConversationId = "conv-" + id,
        InternetMessageId = $"<{id}@harborlightit.com>",
        Subject = subject,
        Body = body,
        From = new Participant(Mailbox),
        To = [new Participant("ops@quarrylane.com")],
        SentAt = sentAt,
    };

    public static string KeyOf(InboundMessage message) => NormalizeStep.EventKey(message);

    WorkspaceProfile? IIngestionSources.Find(string workspaceId) => workspaceId == Workspace.Id ? Profile : null;

    IMessageSource IIngestionSources.SourceFor(WorkspaceConfig workspace) => Source;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
