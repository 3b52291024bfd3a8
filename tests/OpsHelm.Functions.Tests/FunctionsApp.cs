using OpsHelm.Api.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Api.Access;
using OpsHelm.Storage;

namespace OpsHelm.Functions.Tests;

/// <summary>The real app in the test host over a throw-away embedded store, serving the demo workspace and a second one.</summary>
public sealed class FunctionsApp : WebApplicationFactory<Program>
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "opshelm-functions-tests", Guid.NewGuid().ToString("n"));
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public FunctionsApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["OpsHelm:Embedded:Directory"] = _store,
            // Timers would write in the background at their own times; tests invoke functions themselves.
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

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A client whose requests carry a Static Web Apps principal holding <paramref name="workspaces"/>.</summary>
    public HttpClient ClientFor(params string[] workspaces) => ClientFor(new WebApplicationFactoryClientOptions(), workspaces);

    /// <summary>As <see cref="ClientFor(string[])"/>, with client options (to see a redirect rather than follow it).</summary>
    public HttpClient ClientFor(WebApplicationFactoryClientOptions options, params string[] workspaces)
    {
        var client = CreateClient(options);
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        // In-process tests drive routes and functions themselves; background pulls would write into the store while it is
        // checked or deleted. The end-to-end tests run the app as a process with its workers.
        builder.ConfigureTestServices(services =>
        {
            foreach (var worker in services.Where(s => s.ServiceType == typeof(IHostedService)
                && (s.ImplementationType == typeof(WorkerPool) || s.ImplementationType == typeof(PullCoordinatorService))).ToList())
            {
                services.Remove(worker);
            }
        });
        if (_services is { } services)
        {
            // Registered after the app's own, so these win (a stand-in for what leaves the machine, such as Blob read links).
            builder.ConfigureTestServices(services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }
}
