using System.Diagnostics;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Azure.Tables;

namespace OpsHelm.Storage.Tests.Emulators;

/// <summary>
/// Azurite (Blob and Table) and cosmosdb-server for the whole test run: installed (the pinned npm versions, via
/// scripts/emulators.sh install), started on free loopback ports, stopped at the end. Each test gets its own Cosmos database,
/// Blob container and set of tables (a table prefix of its own).
/// </summary>
public sealed class EmulatorsFixture : IAsyncLifetime
{
    /// <summary>Azurite's documented development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's documented development key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The Cosmos DB emulator's documented key (cosmosdb-server accepts any).</summary>
    public const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private EmulatorProcess? _cosmos;
    private EmulatorProcess? _azurite;
    private EmulatorProcess? _azuriteTables;

    /// <summary>The Cosmos emulator's endpoint.</summary>
    public Uri CosmosEndpoint => _cosmos!.Endpoint;

    /// <summary>Azurite's Blob endpoint including the account path.</summary>
    public Uri BlobEndpoint => new(_azurite!.Endpoint, "/" + AccountName);

    /// <summary>Azurite's Table endpoint including the account path.</summary>
    public Uri TableEndpoint => new(_azuriteTables!.Endpoint, "/" + AccountName);

    /// <summary>The emulators' directory (tests/emulators), for tests that start an Azurite of their own.</summary>
    public static string Directory => System.IO.Path.Combine(RepositoryRoot.Path, "tests", "emulators");

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Path;
        Install(root);
        var emulators = System.IO.Path.Combine(root, "tests", "emulators");
        var cosmos = EmulatorProcess.StartAsync(emulators, "cosmos", TimeSpan.FromSeconds(60));
        var azurite = EmulatorProcess.StartAsync(emulators, "azurite", TimeSpan.FromSeconds(60));
        var tables = EmulatorProcess.StartAsync(emulators, "azurite-table", TimeSpan.FromSeconds(60), EmulatorProcess.FreePort());
        try
        {
            _cosmos = await cosmos;
            _azurite = await azurite;
            _azuriteTables = await tables;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        _cosmos?.Dispose();
        _azurite?.Dispose();
        _azuriteTables?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Settings for a fresh database on the emulator (created at connect).</summary>
    public CosmosStoreOptions Cosmos(string? database = null) => new()
    {
        Endpoint = CosmosEndpoint,
        Key = CosmosKey,
        Database = database ?? "db-" + Guid.NewGuid().ToString("n")[..12],
        CreateContainersAtStartup = true,
        GatewayMode = true,
        LimitToEndpoint = true,
        LocalEmulator = true,
        ServerSideOrderBy = false,
        LeaseTtl = TimeSpan.FromMinutes(2),
        LeaseRenewEvery = TimeSpan.FromMinutes(1),
        LeasePollEvery = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Settings for a fresh container on Azurite (created at open).</summary>
    public BlobStoreOptions Blob(string? container = null) => new()
    {
        Endpoint = BlobEndpoint,
        AccountName = AccountName,
        AccountKey = AccountKey,
        Container = container ?? "c" + Guid.NewGuid().ToString("n")[..16],
        CreateContainerAtStartup = true,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>Settings for a fresh set of tables on Azurite (created at connect).</summary>
    public TableStoreOptions Tables(string? prefix = null) => TablesAt(TableEndpoint, prefix);

    /// <summary>Settings for a fresh set of tables on the Azurite Table endpoint <paramref name="endpoint"/> (account path included).</summary>
    public static TableStoreOptions TablesAt(Uri endpoint, string? prefix = null) => new()
    {
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={endpoint.AbsoluteUri.TrimEnd('/')};",
        TablePrefix = prefix ?? "t" + Guid.NewGuid().ToString("n")[..12],
        CreateTablesAtStartup = true,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>Installs the pinned emulators (npm ci, skipped when current).</summary>
    public static void Install(string root)
    {
        var info = new ProcessStartInfo("bash", [System.IO.Path.Combine(root, "scripts", "emulators.sh"), "install"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("scripts/emulators.sh install did not finish within 5 minutes");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/emulators.sh install failed ({process.ExitCode}): {stdout.Result} {stderr.Result}");
        }
    }
}

/// <summary>The tests that share the emulators.</summary>
[CollectionDefinition(Name)]
public sealed class EmulatorsCollection : ICollectionFixture<EmulatorsFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "emulators";
}
