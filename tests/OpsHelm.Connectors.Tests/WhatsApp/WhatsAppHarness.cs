using System.Security.Cryptography;
using System.Text;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests.WhatsApp;

/// <summary>The real webhook handler, media client and delivery source against a fake Graph media server, with the real embedded push inbox in a temporary directory.</summary>
internal sealed class WhatsAppHarness : IAsyncDisposable
{
    public const string AppSecret = "test-app-secret-1b2c3d";
    public const string VerifyToken = "opshelm-verify-7f3a";
    public const string PhoneNumberId = "106540352242922";

    private WhatsAppHarness(FakeMetaGraphServer meta, long maxMediaBytes)
    {
        Meta = meta;
        Options = new WhatsAppOptions
        {
            AppSecret = AppSecret,
            VerifyToken = VerifyToken,
            AccessToken = FakeMetaGraphServer.AccessToken,
            GraphBaseUrl = meta.GraphBaseUrl,
            MaxMediaBytes = maxMediaBytes,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        Unrouted = new UnroutedTrace(Store.Store.Health);
        Handler = new WhatsAppWebhookHandler(Options, Inbox, [Workspace], TimeProvider.System, Unrouted.Deliveries);
        Source = new WhatsAppDeliverySource(Inbox, new WhatsAppMediaClient(Http, Options, TimeProvider.System), batchSize: 4);
    }

    public FakeMetaGraphServer Meta { get; }
    public HttpClient Http { get; } = new();
    public TempEmbeddedStore Store { get; } = TempEmbeddedStore.Open();
    public IPushInbox Inbox => Store.Store.PushInbox;
    public WhatsAppOptions Options { get; }
    public UnroutedTrace Unrouted { get; }
    public WhatsAppWebhookHandler Handler { get; }
    public WhatsAppDeliverySource Source { get; }

    public static WorkspaceConfig Workspace { get; } = new()
    {
        Id = "ws-whatsapp",
        InternalDomains = ["opshelm-msp.com"],
        TicketSources = [new TicketSourceConfig { System = "ServiceNow" }, new TicketSourceConfig { System = "ConnectWise" }],
        WhatsApp = new WhatsAppConfig { PhoneNumberId = PhoneNumberId, DisplayNumber = "+1 555-078-3881" },
    };

    public static async Task<WhatsAppHarness> StartAsync(long maxMediaBytes = 1024 * 1024)
    {
        var meta = await FakeMetaGraphServer.StartAsync();
        // The media ids of the delivery fixture.
        meta.AddMedia("1003383421387256", "image/jpeg", Bytes(0xD8, 2_000));
        meta.AddMedia("1013859600285441", "application/pdf", Bytes(0x25, 3_000));
        meta.AddMedia("1003383421387257", "image/jpeg", Bytes(0xD9, 1_500));
        return new WhatsAppHarness(meta, maxMediaBytes);
    }

    /// <summary>The workspace's notices still Pending (asking for a pull), oldest first.</summary>
    public Task<IReadOnlyList<PushNotice>> PendingAsync() => Inbox.ListPendingAsync(Workspace.Id, int.MaxValue, CancellationToken.None);

    public static byte[] Bytes(byte seed, int length) => Enumerable.Range(0, length).Select(i => (byte)(seed ^ i)).ToArray();

    public static string Sign(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static byte[] FixtureBytes(string name) => File.ReadAllBytes(Fixture.PathOf(name));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Meta.DisposeAsync();
        await Store.DisposeAsync();
    }
}
