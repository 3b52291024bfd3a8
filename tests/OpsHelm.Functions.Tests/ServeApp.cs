using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Api.Access;
using OpsHelm.Api.Work;
using OpsHelm.Cli.Serve;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Storage;

namespace OpsHelm.Functions.Tests;

/// <summary>
/// <c>opshelm serve</c>'s app (the same <see cref="ServeHost"/> the command builds) on a test server over a throw-away
/// embedded store, serving the demo workspace and a second one.
/// </summary>
public sealed class ServeApp : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "opshelm-functions-tests", Guid.NewGuid().ToString("n"));
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private WebApplication? _app;

    public ServeApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["OpsHelm:Embedded:Directory"] = _store,
            // Scheduled jobs would write in the background at their own times; tests run jobs themselves.
            ["OpsHelm:Scheduler:Enabled"] = "false",
            ["OpsHelm:WorkspaceConfigs:0"] = Fixture("ws-demo.json"),
            ["OpsHelm:WorkspaceConfigs:1"] = Fixture("ws-other.json"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    /// <summary>The directory of the app's embedded store (its SQLite file is <c>opshelm.db</c> in it).</summary>
    public string StoreDirectory => _settings["OpsHelm:Embedded:Directory"]!;

    /// <summary>The app's services (the app is built on first use).</summary>
    public IServiceProvider Services => App.Services;

    private WebApplication App => _app ??= Start();

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A client of the app; it does not follow redirects unless <paramref name="followRedirects"/>.</summary>
    public HttpClient CreateClient(bool followRedirects = true)
    {
        var server = App.GetTestServer();
        return followRedirects
            ? new HttpClient(new RedirectFollower(server.CreateHandler())) { BaseAddress = server.BaseAddress }
            : server.CreateClient();
    }

    /// <summary>A client whose requests carry a Static Web Apps principal holding <paramref name="workspaces"/>.</summary>
    public HttpClient ClientFor(params string[] workspaces) => ClientFor(followRedirects: true, workspaces);

    /// <summary>As <see cref="ClientFor(string[])"/>, choosing whether redirects are followed.</summary>
    public HttpClient ClientFor(bool followRedirects, params string[] workspaces)
    {
        var client = CreateClient(followRedirects);
        var principal = new ClientPrincipal("aad", "user-1", "dana@example.com", ["authenticated", .. workspaces.Select(w => "workspace:" + w)]);
        client.DefaultRequestHeaders.Add(ClientPrincipalReader.HeaderName, ClientPrincipalReader.Write(principal));
        return client;
    }

    /// <summary>Ingests the demo mailbox into the app's own store, as a CLI run would.</summary>
    public Task<IngestionRun> IngestDemoAsync() => IngestAsync("demo-mailbox.jsonl");

    /// <summary>Ingests the replay fixture <paramref name="fixture"/> into the demo workspace, as a CLI run would.</summary>
    public async Task<IngestionRun> IngestAsync(string fixture)
    {
        var store = Services.GetRequiredService<StoreSet>();
        var time = Services.GetRequiredService<TimeProvider>();
        var runner = new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance);
        return await runner.RunAsync(new RunRequest
        {
            Config = new WorkspaceConfigFile(Fixture("ws-demo.json")),
            Source = new JsonLinesMessageSource(Fixture(fixture)),
        }, CancellationToken.None);
    }

    private WebApplication Start()
    {
        var app = ServeHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(_settings);
            // In-process tests drive routes and jobs themselves; background pulls would write into the store while it is
            // checked or deleted. The end-to-end tests run `opshelm serve` as a process with its workers.
            foreach (var worker in builder.Services.Where(s => s.ServiceType == typeof(IHostedService)
                && (s.ImplementationType == typeof(WorkerPool) || s.ImplementationType == typeof(PullCoordinatorService))).ToList())
            {
                builder.Services.Remove(worker);
            }
            // Registered after the app's own, so these win (a stand-in for what leaves the machine, such as Blob read links).
            _services?.Invoke(builder.Services);
        });
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    public void Dispose()
    {
        if (_app is not null)
        {
            _app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)_app).Dispose();
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    // The test server's handler does not follow redirects; a browser-like client does.
    private sealed class RedirectFollower(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            for (var hops = 0; hops < 5 && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location; hops++)
            {
                var next = new HttpRequestMessage(HttpMethod.Get, location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location));
                response.Dispose();
                response = await base.SendAsync(next, cancellationToken);
            }
            return response;
        }
    }
}
