using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsHelm.Connectors.Tests.Graph.Fake;
using OpsHelm.Functions.Tests.EndToEnd;

namespace OpsHelm.Functions.Tests.Inbound;

/// <summary>
/// The app as a real process (its workers and pulls running) over a temp embedded store, for one workspace with a Graph
/// mailbox and a WhatsApp number; Graph is the fake Graph, reached through the fake managed identity endpoint, which
/// hands out <c>graphToken</c> (the fake Graph accepts only its own token, so any other is a bad credential). Everything
/// is asserted over HTTP routes, so the arrangement can be pointed at another host of the same routes.
/// </summary>
internal sealed class InboundApp : IAsyncDisposable
{
    public const string WorkspaceId = "ws-inbound";
    public const string Mailbox = "ops@fabrikam-msp.com";
    public const string PhoneNumberId = "118604729351207";
    public const string AppSecret = "s3cret";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "opshelm-inbound-" + Guid.NewGuid().ToString("n"));
    private readonly int _port = AppProcess.FreePort();

    private InboundApp(FakeGraphServer graph, FakeManagedIdentity identity)
    {
        Graph = graph;
        Identity = identity;
        Directory.CreateDirectory(_root);
        File.WriteAllText(WorkspaceConfig, JsonSerializer.Serialize(new
        {
            id = WorkspaceId,
            name = "Fabrikam MSP",
            timeZone = "UTC",
            mailboxes = new[] { new { id = "ops", provider = "Graph", address = Mailbox, folders = Array.Empty<string>() } },
            internalDomains = new[] { "fabrikam-msp.com" },
            ticketSources = new[] { new { system = "ServiceNow" } },
            whatsApp = new { phoneNumberId = PhoneNumberId, displayNumber = "+1 312-555-0140" },
        }));
    }

    public FakeGraphServer Graph { get; }
    public FakeManagedIdentity Identity { get; }
    public AppProcess App { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public string BaseUrl => $"http://127.0.0.1:{_port}";
    private string WorkspaceConfig => Path.Combine(_root, "workspace.json");

    /// <summary>Starts the fakes and the app; <paramref name="graphToken"/> is what the managed identity hands out.</summary>
    public static async Task<InboundApp> StartAsync(string graphToken = FakeGraphServer.Token)
    {
        var graph = await FakeGraphServer.StartAsync(() => DateTimeOffset.UtcNow);
        graph.Mail.AddFolder(Mailbox, "inbox");
        graph.Mail.AddFolder(Mailbox, "sentitems");
        var identity = await FakeManagedIdentity.StartAsync(graphToken);
        var app = new InboundApp(graph, identity);
        app.App = await AppProcess.StartAsync(app._port, app.Settings, app._root);
        return app;
    }

    private Dictionary<string, string> Settings => new()
    {
        ["OpsHelm__WorkspaceConfigs__0"] = WorkspaceConfig,
        ["OpsHelm__Embedded__Directory"] = Path.Combine(_root, "store"),
        ["OpsHelm__DevelopmentPrincipal__Enabled"] = "true",
        ["OpsHelm__DevelopmentPrincipal__Workspaces__0"] = WorkspaceId,
        ["OpsHelm__Queue__PollInterval"] = "00:00:00.250",
        ["OpsHelm__Scheduler__Enabled"] = "false",
        ["OpsHelm__Portal__Directory"] = "off",
        ["Graph__BaseUrl"] = Graph.BaseUrl,
        ["Graph__Credential__Kind"] = "ManagedIdentity",
        ["IDENTITY_ENDPOINT"] = Identity.Endpoint,
        ["IDENTITY_HEADER"] = FakeManagedIdentity.Secret,
        ["WhatsApp__AppSecret"] = AppSecret,
        ["WhatsApp__VerifyToken"] = "verify-inbound",
        ["WhatsApp__AccessToken"] = "whatsapp-access-token",
    };

    /// <summary>POSTs <paramref name="body"/> to the WhatsApp webhook signed with the app secret, as Meta does.</summary>
    public async Task<HttpResponseMessage> DeliverWhatsAppAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/api/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), bytes)));
        return await Http.SendAsync(request);
    }

    /// <summary>A WhatsApp delivery for <paramref name="phoneNumberId"/> of the given message objects.</summary>
    public static string Delivery(string phoneNumberId, params string[] messages) =>
        $$$"""{"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{"metadata":{"display_phone_number":"13125550140","phone_number_id":"{{{phoneNumberId}}}"},"contacts":[{"profile":{"name":"A"},"wa_id":"13125550111"}],"messages":[{{{string.Join(",", messages)}}}]}}]}]}""";

    /// <summary>One text message object; <paramref name="text"/> is JSON string content as sent (escapes stay escapes).</summary>
    public static string Text(string wamid, string text, long timestamp = 1795400000) =>
        $$$"""{"from":"13125550111","id":"{{{wamid}}}","timestamp":"{{{timestamp}}}","type":"text","text":{"body":"{{{text}}}"}}""";

    public Task<JsonElement> GetAsync(string path) => GetJsonAsync(BaseUrl + path);

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds (or 60 s pass) and returns the last answer.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement last;
        do
        {
            last = await GetAsync(path);
            if (done(last))
            {
                return last;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{path} did not get there in 60 s; last answer: {last}\napp output:\n{App.Output}");
    }

    /// <summary>The excerpts of every WhatsApp message the conversations route shows, by sender.</summary>
    public static List<string> Excerpts(JsonElement conversations) =>
        [.. conversations.EnumerateArray().SelectMany(c => c.GetProperty("messages").EnumerateArray()).Select(m => m.GetProperty("excerpt").GetString()!)];

    /// <summary>The source named <paramref name="id"/> on the sources route.</summary>
    public static JsonElement Source(JsonElement sources, string id) => sources.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    public async ValueTask DisposeAsync()
    {
        App?.Dispose();
        Http.Dispose();
        await Identity.DisposeAsync();
        await Graph.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still hold the database file for a moment; the temp folder is cleaned later.
        }
    }
}
