using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Functions.Access;
using OpsHelm.Storage;

namespace OpsHelm.Functions.Tests;

/// <summary>The real app in the test host over a throw-away embedded store, serving the demo workspace and a second one.</summary>
public sealed class FunctionsApp : WebApplicationFactory<Program>
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "opshelm-functions-tests", Guid.NewGuid().ToString("n"));
    private readonly Dictionary<string, string?> _settings;

    public FunctionsApp(Dictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["OpsHelm:Embedded:Directory"] = _store,
            ["OpsHelm:WorkspaceConfigs:0"] = Fixture("ws-demo.json"),
            ["OpsHelm:WorkspaceConfigs:1"] = Fixture("ws-other.json"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A client whose requests carry a Static Web Apps principal holding <paramref name="workspaces"/>.</summary>
    public HttpClient ClientFor(params string[] workspaces)
    {
        var client = CreateClient();
        var principal = new ClientPrincipal("aad", "user-1", "dana@example.com", ["authenticated", .. workspaces.Select(w => "workspace:" + w)]);
        client.DefaultRequestHeaders.Add(ClientPrincipalReader.HeaderName, ClientPrincipalReader.Write(principal));
        return client;
    }

    /// <summary>Ingests the demo mailbox into the app's own store, as a CLI run would.</summary>
    public async Task<IngestionRun> IngestDemoAsync()
    {
        var store = Services.GetRequiredService<StoreSet>();
        var time = Services.GetRequiredService<TimeProvider>();
        var runner = new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance);
        return await runner.RunAsync(new RunRequest
        {
            Config = new WorkspaceConfigFile(Fixture("ws-demo.json")),
            Source = new JsonLinesMessageSource(Fixture("demo-mailbox.jsonl")),
        }, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));

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
