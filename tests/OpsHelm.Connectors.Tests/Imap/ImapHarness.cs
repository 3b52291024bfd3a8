using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using OpsHelm.Connectors.Imap;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Connectors.Tests.Imap;

/// <summary>Dovecot with one user, the embedded store and the runner: what an IMAP test needs.</summary>
internal sealed class ImapHarness : IAsyncDisposable
{
    public const string WorkspaceId = "ws-imap";
    public const string Address = "dana@harborlightit.com";
    public const string Password = "correct horse battery staple";

    private readonly TempDirectory _storeDirectory;

    private ImapHarness(DovecotServer server, TempDirectory storeDirectory, EmbeddedStore store)
    {
        _storeDirectory = storeDirectory;
        Server = server;
        Store = store;
        Health = new SourceHealthTracker(store.Health, TimeProvider.System);
        Runner = new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new MessagePipeline(new PipelineOptions(), TimeProvider.System), TimeProvider.System, NullLogger<IngestionRunner>.Instance);
    }

    public DovecotServer Server { get; }
    public EmbeddedStore Store { get; }
    public SourceHealthTracker Health { get; }
    public IngestionRunner Runner { get; }

    public ImapOptions Options { get; } = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200) };

    public static async Task<ImapHarness> StartAsync()
    {
        var server = await DovecotServer.StartAsync();
        await server.AddUserAsync(Address, Password);
        var storeDirectory = new TempDirectory();
        var harness = new ImapHarness(server, storeDirectory, EmbeddedStore.Open(storeDirectory.Path, TimeProvider.System));
        harness.Options.Secrets["mbx-dana"] = Password;
        return harness;
    }

    public WorkspaceConfig Workspace(int? port = null, IReadOnlyList<string>? folders = null) => new()
    {
        Id = WorkspaceId,
        InternalDomains = ["harborlightit.com"],
        Mailboxes =
        [
            new MailboxConfig
            {
                Id = "mbx-dana",
                Provider = "Imap",
                Address = Address,
                Folders = folders ?? [],
                Imap = new ImapMailboxConfig { Host = "127.0.0.1", Port = port ?? Server.Port, Tls = "None", Username = Address },
            },
        ],
    };

    public ImapMailboxSource Source() => new(Options, Health, TimeProvider.System);

    public Task<Core.Records.IngestionRun> RunAsync(WorkspaceConfig? workspace = null) =>
        Runner.RunAsync(new RunRequest { Config = new LoadedWorkspaceConfig(workspace ?? Workspace()), Source = Source(), Trigger = "Timer" }, CancellationToken.None);

    /// <summary>A MailKit client logged in as the user, for APPENDs and folder changes.</summary>
    public async Task<ImapClient> ClientAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(Address, Password);
        return client;
    }

    /// <summary>APPENDs <paramref name="count"/> messages to <paramref name="folder"/> (created when missing), ids starting at <paramref name="first"/>.</summary>
    public async Task<List<string>> AppendAsync(string folder, int first, int count, bool fromUs = false)
    {
        using var client = await ClientAsync();
        var target = folder == "INBOX" ? client.Inbox : await FolderAsync(client, folder);
        var ids = new List<string>();
        foreach (var chunk in Enumerable.Range(first, count).Chunk(250))
        {
            var requests = chunk.Select(n =>
            {
                var message = Message(n, fromUs);
                ids.Add(message.MessageId!);
                return (IAppendRequest)new AppendRequest(message, MessageFlags.Seen) { InternalDate = DateTimeOffset.UtcNow.AddMinutes(-n % 60) };
            }).ToList();
            await target.AppendAsync(requests);
        }
        await client.DisconnectAsync(true);
        return ids;
    }

    public static MimeMessage Message(int n, bool fromUs = false)
    {
        var customer = new MailboxAddress("Rita Okafor", "r.okafor@quarrylane.com");
        var us = new MailboxAddress("Dana Whitfield", Address);
        return new MimeMessage([fromUs ? us : customer], [fromUs ? customer : us], $"Scanner fault report {n}", new TextPart("plain") { Text = $"Scanner {n} in bay 4 drops off the Wi-Fi." })
        {
            MessageId = $"msg-{n}@quarrylane.com",
            Date = DateTimeOffset.UtcNow.AddMinutes(-n % 60),
        };
    }

    public static async Task<IMailFolder> FolderAsync(ImapClient client, string name)
    {
        try
        {
            return await client.GetFolderAsync(name);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return (await root.CreateAsync(name, isMessageFolder: true))!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _storeDirectory.Dispose();
        await Server.DisposeAsync();
    }
}
