using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Runs;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Portal.Tests;

/// <summary>
/// `opshelm serve` as a child process on a free loopback port, serving the built portal over a throw-away store
/// holding the bundled demo (workspace ws-demo) and a hostile fixture mailbox (workspace ws-other), and Debian's chromium.
/// </summary>
public class PortalApp : IAsyncLifetime
{
    public const string Demo = "ws-demo";
    public const string Other = "ws-other";

    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string _store = Path.Combine(Path.GetTempPath(), "opshelm-portal-tests", Guid.NewGuid().ToString("n"));
    private readonly StringBuilder _log = new();
    private Process? _app;
    private IPlaywright? _playwright;

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");
    public static string Screenshots { get; } = Path.Combine(RepositoryRoot, "artifacts", "screenshots");

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        var dist = Path.Combine(RepositoryRoot, "src", "portal", "dist");
        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            throw new InvalidOperationException($"The portal is not built ({dist}): run `cd src/portal && npm ci && npm run build` (scripts/test.sh does).");
        }
        await IngestAsync(Path.Combine(RepositoryRoot, "demo", "workspace.json"), Path.Combine(RepositoryRoot, "demo", "mailbox.jsonl"));
        await IngestAsync(Fixture("ws-other.json"), Fixture("hostile-mailbox.jsonl"));
        await StartAppAsync(dist);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        Http.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The Static Web Apps principal header for a user holding <paramref name="workspaces"/>.</summary>
    public static string PrincipalFor(params string[] workspaces) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
    {
        identityProvider = "aad",
        userId = "user-" + string.Join("-", workspaces),
        userDetails = "operator@example.com",
        userRoles = new[] { "anonymous", "authenticated" }.Concat(workspaces.Select(w => "workspace:" + w)),
    }));

    /// <summary>A browser page whose requests carry a principal of <paramref name="workspaces"/> (none: no principal), dialogs recorded.</summary>
    public async Task<BrowserPage> OpenAsync(string[] workspaces, int width = 1280, int height = 900)
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } };
        if (workspaces.Length > 0)
        {
            options.ExtraHTTPHeaders = new Dictionary<string, string> { ["x-ms-client-principal"] = PrincipalFor(workspaces) };
        }
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        return new BrowserPage(this, context, page);
    }

    /// <summary>The API's JSON for <paramref name="path"/> (under /api) as a principal of <paramref name="workspace"/>.</summary>
    public async Task<JsonElement> ApiAsync(string workspace, string path)
    {
        using var response = await SendAsync(workspace, path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET /api{path} answered {(int)response.StatusCode}: the portal needs this route.");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>GET /api<paramref name="path"/> as a principal of <paramref name="workspace"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(string workspace, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/api" + path);
        request.Headers.Add("x-ms-client-principal", PrincipalFor(workspace));
        return Http.SendAsync(request);
    }

    private async Task IngestAsync(string config, string mailbox)
    {
        await using var store = EmbeddedStore.Open(_store, TimeProvider.System);
        var runner = new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new MessagePipeline(new PipelineOptions(), TimeProvider.System), TimeProvider.System, NullLogger<IngestionRunner>.Instance);
        var run = await runner.RunAsync(new RunRequest { Config = new WorkspaceConfigFile(config), Source = new JsonLinesMessageSource(mailbox) }, CancellationToken.None);
        run.Status.ShouldBe("Succeeded", $"ingesting {mailbox}: {run.Error}");
    }

    private async Task StartAppAsync(string dist)
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Metadata("ServeDll"), "serve", "--urls", BaseUrl },
            WorkingDirectory = _store,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OpsHelm__Embedded__Directory"] = _store;
        start.Environment["OpsHelm__WorkspaceConfigs__0"] = Path.Combine(RepositoryRoot, "demo", "workspace.json");
        start.Environment["OpsHelm__WorkspaceConfigs__1"] = Fixture("ws-other.json");
        start.Environment["OpsHelm__DevelopmentPrincipal__Enabled"] = "false";
        start.Environment["OpsHelm__Portal__Directory"] = dist;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _app = Process.Start(start) ?? throw new InvalidOperationException("could not start opshelm serve");
        _app.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _app.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_app.HasExited)
            {
                throw new InvalidOperationException($"opshelm serve exited with {_app.ExitCode}: {Log}");
            }
            try
            {
                using var health = await Http.GetAsync(BaseUrl + "/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"opshelm serve did not answer /api/health within 60 s: {Log}");
    }

    private string Log
    {
        get { lock (_log) { return _log.ToString(); } }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Metadata(string key) =>
        typeof(PortalApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>The app for the tests that only read: one instance shared by their collection.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalApp>
{
    public const string Name = "portal";
}
