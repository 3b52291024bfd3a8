using System.Globalization;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Azure.Tables;

namespace OpsHelm.Storage;

/// <summary>
/// Which store the app uses (<c>OpsHelm:Store</c> = <c>embedded</c> | <c>azure</c>) and its settings: the embedded directory, or
/// Cosmos DB (<c>OpsHelm:Cosmos:*</c>, the records), Blob storage (<c>OpsHelm:Blob:*</c>, attachments) and Table storage
/// (<c>OpsHelm:Tables:*</c>, checkpoints, subscriptions, source health and incidents).
/// </summary>
public sealed record StoreOptions
{
    /// <summary>The embedded store: SQLite file and attachment folder.</summary>
    public const string Embedded = "embedded";

    /// <summary>Cosmos DB, Blob and Table storage (or their local emulators).</summary>
    public const string Azure = "azure";

    /// <summary><see cref="Embedded"/> or <see cref="Azure"/>.</summary>
    public string Store { get; init; } = Embedded;

    /// <summary>The embedded store's directory (<c>OpsHelm:Embedded:Directory</c>).</summary>
    public string EmbeddedDirectory { get; init; } = ".opshelm";

    /// <summary>How long an embedded workspace lock outlives a holder that stopped renewing it (<c>OpsHelm:Embedded:LockLease</c>); null for the default 2 minutes.</summary>
    public TimeSpan? EmbeddedLockLease { get; init; }

    /// <summary>Cosmos DB settings (used when <see cref="Store"/> is azure).</summary>
    public CosmosStoreOptions Cosmos { get; init; } = new();

    /// <summary>Blob storage settings (used when <see cref="Store"/> is azure).</summary>
    public BlobStoreOptions Blob { get; init; } = new();

    /// <summary>Table storage settings (used when <see cref="Store"/> is azure).</summary>
    public TableStoreOptions Tables { get; init; } = new();

    /// <summary>Throws <see cref="InvalidOperationException"/> naming what is wrong with the chosen store's settings.</summary>
    public StoreOptions Validate()
    {
        switch (Store)
        {
            case Embedded when string.IsNullOrWhiteSpace(EmbeddedDirectory):
                throw new InvalidOperationException("Invalid store settings: OpsHelm:Embedded:Directory is required for the embedded store.");
            case Embedded when EmbeddedLockLease is { } lease && (lease < TimeSpan.FromSeconds(1) || lease > TimeSpan.FromHours(1)):
                throw new InvalidOperationException("Invalid store settings: OpsHelm:Embedded:LockLease must be between 00:00:01 and 01:00:00.");
            case Embedded:
                return this;
            case Azure:
                Cosmos.Validate();
                Blob.Validate();
                Tables.Validate();
                return this;
            default:
                throw new InvalidOperationException($"Invalid store settings: OpsHelm:Store must be '{Embedded}' or '{Azure}' (was '{Store}').");
        }
    }

    /// <summary>
    /// Reads the settings through <paramref name="setting"/> (a configuration lookup by <c>OpsHelm:…</c> key; environment
    /// variables and local.settings.json spell the separator <c>__</c>, which configuration maps to ':').
    /// </summary>
    public static StoreOptions From(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var cosmos = new CosmosStoreOptions();
        var blob = new BlobStoreOptions();
        var tables = new TableStoreOptions();
        return new StoreOptions
        {
            Store = (setting("OpsHelm:Store") ?? Embedded).Trim().ToLowerInvariant(),
            EmbeddedDirectory = setting("OpsHelm:Embedded:Directory") ?? ".opshelm",
            EmbeddedLockLease = Blank(setting("OpsHelm:Embedded:LockLease")) is { } lease
                ? TimeSpan.TryParse(lease, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Invalid store settings: OpsHelm:Embedded:LockLease '{lease}' is not a time span (hh:mm:ss).")
                : null,
            Cosmos = cosmos with
            {
                Endpoint = UriOf(setting("OpsHelm:Cosmos:Endpoint")),
                Key = Blank(setting("OpsHelm:Cosmos:Key")),
                ManagedIdentityClientId = Blank(setting("OpsHelm:Cosmos:ManagedIdentityClientId")),
                Database = setting("OpsHelm:Cosmos:Database") ?? cosmos.Database,
                RecordsContainer = setting("OpsHelm:Cosmos:RecordsContainer") ?? cosmos.RecordsContainer,
                CreateContainersAtStartup = Flag(setting("OpsHelm:Cosmos:CreateContainersAtStartup"), cosmos.CreateContainersAtStartup),
                GatewayMode = Flag(setting("OpsHelm:Cosmos:GatewayMode"), cosmos.GatewayMode),
                LimitToEndpoint = Flag(setting("OpsHelm:Cosmos:LimitToEndpoint"), cosmos.LimitToEndpoint),
                LocalEmulator = Flag(setting("OpsHelm:Cosmos:LocalEmulator"), false),
                ServerSideOrderBy = Flag(setting("OpsHelm:Cosmos:ServerSideOrderBy"), cosmos.ServerSideOrderBy),
            },
            Blob = blob with
            {
                Endpoint = UriOf(setting("OpsHelm:Blob:Endpoint")),
                AccountName = setting("OpsHelm:Blob:AccountName") ?? "",
                AccountKey = Blank(setting("OpsHelm:Blob:AccountKey")),
                ManagedIdentityClientId = Blank(setting("OpsHelm:Blob:ManagedIdentityClientId")),
                Container = setting("OpsHelm:Blob:Container") ?? blob.Container,
                CreateContainerAtStartup = Flag(setting("OpsHelm:Blob:CreateContainerAtStartup"), blob.CreateContainerAtStartup),
                MaxAttachmentBytes = setting("OpsHelm:Blob:MaxAttachmentBytes") is { } max
                    ? long.Parse(max, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : blob.MaxAttachmentBytes,
            },
            Tables = tables with
            {
                TableServiceUri = UriOf(setting("OpsHelm:Tables:TableServiceUri")),
                ConnectionString = Blank(setting("OpsHelm:Tables:ConnectionString")),
                ManagedIdentityClientId = Blank(setting("OpsHelm:Tables:ManagedIdentityClientId")),
                TablePrefix = setting("OpsHelm:Tables:TablePrefix") ?? tables.TablePrefix,
                CreateTablesAtStartup = Flag(setting("OpsHelm:Tables:CreateTablesAtStartup"), tables.CreateTablesAtStartup),
            },
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Uri? UriOf(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    private static bool Flag(string? value, bool fallback) => value is null ? fallback : bool.Parse(value);
}
