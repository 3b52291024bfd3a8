using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsHelm.Connectors.Tests.Graph.Fake;
using OpsHelm.Core.Records;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Functions.Tests.EndToEnd;

/// <summary>
/// One end-to-end arrangement: the fake Graph (validating notification URLs as Graph does), the fake managed identity
/// endpoint, a workspace with one Graph mailbox, and the app as a real process over an embedded store in a temp folder.
/// </summary>
internal sealed class GraphEndToEnd : IAsyncDisposable
{
    public const string WorkspaceId = "ws-e2e";
    public const string Mailbox = "ops@fabrikam-msp.com";

    private static readonly string Template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "graph-message-template.json"));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "opshelm-e2e-" + Guid.NewGuid().ToString("n"));
    private readonly int _port = AppProcess.FreePort();

    private GraphEndToEnd(FakeGraphServer graph, FakeManagedIdentity identity)
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
        }));
    }

    public FakeGraphServer Graph { get; }
    public FakeManagedIdentity Identity { get; }
    public AppProcess? App { get; private set; }
    public string StoreDirectory => Path.Combine(_root, "store");
    private string WorkspaceConfig => Path.Combine(_root, "workspace.json");
    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public static async Task<GraphEndToEnd> StartAsync(int pageSize = 50)
    {
        var graph = await FakeGraphServer.StartAsync(() => DateTimeOffset.UtcNow);
        graph.Subscriptions.ValidateNotificationUrls = true;
        var identity = await FakeManagedIdentity.StartAsync(FakeGraphServer.Token);
        var context = new GraphEndToEnd(graph, identity) { PageSize = pageSize };
        return context;
    }

    public int PageSize { get; private init; }

    /// <summary>Settings added to (or replacing) the defaults below.</summary>
    public Dictionary<string, string> ExtraSettings { get; } = [];

    public Dictionary<string, string> Settings => new Dictionary<string, string>(DefaultSettings.Concat(ExtraSettings).GroupBy(p => p.Key).Select(g => g.Last()));

    private Dictionary<string, string> DefaultSettings => new()
    {
        ["OpsHelm__WorkspaceConfigs__0"] = WorkspaceConfig,
        ["OpsHelm__Embedded__Directory"] = StoreDirectory,
        ["OpsHelm__Embedded__LockLease"] = "00:00:03",
        ["OpsHelm__DevelopmentPrincipal__Enabled"] = "true",
        ["OpsHelm__DevelopmentPrincipal__Workspaces__0"] = WorkspaceId,
        ["OpsHelm__Queue__PollInterval"] = "00:00:00.250",
        ["OpsHelm__Queue__StallAfter"] = "00:00:05",
        ["OpsHelm__Queue__LeaseDuration"] = "00:00:05",
        // Subscriptions are made as serve starts; the poll and the sweep wait a day, so every pull here answers a push.
        ["OpsHelm__Scheduler__Poll"] = "1.00:00:00",
        ["OpsHelm__Scheduler__Sweep"] = "1.00:00:00",
        ["OpsHelm__Portal__Directory"] = "off",
        ["Graph__BaseUrl"] = Graph.BaseUrl,
        ["Graph__Credential__Kind"] = "ManagedIdentity",
        ["Graph__Mail__PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
        ["Graph__Subscriptions__NotificationUrl"] = BaseUrl + "/api/notifications/graph",
        ["Graph__Subscriptions__LifecycleNotificationUrl"] = BaseUrl + "/api/notifications/graph/lifecycle",
        ["IDENTITY_ENDPOINT"] = Identity.Endpoint,
        ["IDENTITY_HEADER"] = FakeManagedIdentity.Secret,
    };

    /// <summary>Starts (or restarts) the app.</summary>
    public async Task<AppProcess> StartAppAsync()
    {
        App?.Dispose();
        App = await AppProcess.StartAsync(_port, Settings, _root);
        return App;
    }

    /// <summary>Adds <paramref name="count"/> inbox messages; every tenth names one of 20 ServiceNow incidents, and the sender promises a reply on some.</summary>
    public IReadOnlyList<string> AddMessages(int count, int first = 1)
    {
        Graph.Mail.AddFolder(Mailbox, "inbox");
        Graph.Mail.AddFolder(Mailbox, "sentitems");
        var ids = new List<string>(count);
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        for (var n = first; n < first + count; n++)
        {
            var message = (JsonObject)JsonNode.Parse(Template)!;
            var id = $"AAMkAGU-e2e-{n:D5}=";
            var at = start.AddSeconds(n).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            message["id"] = id;
            message["subject"] = n % 10 == 0 ? $"INC{1000000 + n / 10 % 20:D7} printer queue stuck again" : $"Question {n} about the Leeds VPN";
            message["receivedDateTime"] = at;
            message["sentDateTime"] = at;
            message["createdDateTime"] = at;
            message["internetMessageId"] = $"<e2e-{n}@contoso.com>";
            message["conversationId"] = $"AAQkAGU-e2e-{n:D5}=";
            Graph.Mail.Add(Mailbox, "inbox", message);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// Waits until the app has made the mailbox's mail and calendar subscriptions (serve runs RenewGraphSubscriptions as it
    /// starts; Graph validates the notification URLs meanwhile); returns them as the fake Graph holds them.
    /// </summary>
    public async Task<JsonDocument> CreateSubscriptionsAsync(HttpClient http)
    {
        _ = http;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Graph.Subscriptions.All.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return JsonDocument.Parse(new JsonArray([.. Graph.Subscriptions.All.Select(s => s.DeepClone())]).ToJsonString());
    }

    /// <summary>A change notification as Graph posts it for the mail subscription.</summary>
    public StringContent Notification(string messageId, string changeType = "created")
    {
        var subscription = Graph.Subscriptions.All.Single(s => ((string)s["resource"]!).EndsWith("/messages", StringComparison.Ordinal));
        var body = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = (string)subscription["id"]!,
                ["subscriptionExpirationDateTime"] = (string)subscription["expirationDateTime"]!,
                ["clientState"] = (string?)subscription["clientState"],
                ["changeType"] = changeType,
                ["resource"] = $"Users/{Mailbox}/Messages/{messageId}",
                ["tenantId"] = "84bd8158-6d4d-4958-8b9f-9d6445542f95",
                ["resourceData"] = new JsonObject { ["@odata.type"] = "#Microsoft.Graph.Message", ["@odata.id"] = $"Users/{Mailbox}/Messages/{messageId}", ["id"] = messageId },
            }),
        };
        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    /// <summary>A lifecycle notification for the mail subscription.</summary>
    public StringContent Lifecycle(string lifecycleEvent)
    {
        var subscription = Graph.Subscriptions.All.Single(s => ((string)s["resource"]!).EndsWith("/messages", StringComparison.Ordinal));
        var body = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = (string)subscription["id"]!,
                ["subscriptionExpirationDateTime"] = (string)subscription["expirationDateTime"]!,
                ["clientState"] = (string?)subscription["clientState"],
                ["lifecycleEvent"] = lifecycleEvent,
                ["tenantId"] = "84bd8158-6d4d-4958-8b9f-9d6445542f95",
            }),
        };
        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    /// <summary>The runs as the portal API shows them.</summary>
    public async Task<IReadOnlyList<IngestionRun>> RunsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<List<IngestionRun>>(BaseUrl + $"/api/workspaces/{WorkspaceId}/runs", Json))!;

    /// <summary>Waits until <paramref name="done"/> holds for the runs, or fails with the app's output.</summary>
    public async Task<IReadOnlyList<IngestionRun>> WaitForRunsAsync(HttpClient http, Func<IReadOnlyList<IngestionRun>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<IngestionRun> runs = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                runs = await RunsAsync(http);
                if (done(runs))
                {
                    return runs;
                }
            }
            catch (HttpRequestException)
            {
                // Restarting.
            }
            await Task.Delay(250);
        }
        var output = App?.Output ?? "";
        throw new TimeoutException($"The runs did not reach the expected state in {timeout}: {runs.Count} runs, the newest {JsonSerializer.Serialize(runs.Take(2), Json)}\n{output[Math.Max(0, output.Length - 4000)..]}");
    }

    /// <summary>The store itself, opened after the app stopped.</summary>
    public EmbeddedStore OpenStore() => EmbeddedStore.Open(StoreDirectory, TimeProvider.System);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async ValueTask DisposeAsync()
    {
        App?.Dispose();
        await Graph.DisposeAsync();
        await Identity.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the killed process's children: the temp folder is cleaned up by the system.
        }
    }
}
