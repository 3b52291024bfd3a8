namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>Where and how the Cosmos DB store connects (section <c>OpsHelm:Cosmos</c>).</summary>
public sealed record CosmosStoreOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "OpsHelm:Cosmos";

    /// <summary>The account endpoint, e.g. <c>https://myaccount.documents.azure.com:443/</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The account key, for emulators and keyed accounts; null means Entra ID (managed identity / DefaultAzureCredential).</summary>
    public string? Key { get; init; }

    /// <summary>The user-assigned managed identity's client id, when Entra ID is used with one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>The database.</summary>
    public string Database { get; init; } = "opshelm";

    /// <summary>The container of every workspace-scoped document, partitioned by <c>/workspaceId</c>.</summary>
    public string RecordsContainer { get; init; } = "records";

    /// <summary>Create the database and containers (with their indexing and TTL policies) at start-up when missing.</summary>
    public bool CreateContainersAtStartup { get; init; }

    /// <summary>Gateway mode (HTTPS only; what emulators speak); false means Direct mode.</summary>
    public bool GatewayMode { get; init; } = true;

    /// <summary>Use only <see cref="Endpoint"/>, never the account's regional endpoints (emulators, private endpoints).</summary>
    public bool LimitToEndpoint { get; init; }

    /// <summary>
    /// The local cosmosdb-server emulator on a loopback address: accept its self-signed certificate (only there) and work around
    /// its point-read quirk (<see cref="LocalEmulatorHandler"/>). Never for a real account.
    /// </summary>
    public bool LocalEmulator { get; init; }

    /// <summary>
    /// Let Cosmos sort with <c>ORDER BY</c> where a list is limited (runs, pending pushes). False for emulators that reject it:
    /// the adapter then reads the partition's slice page by page and sorts in memory.
    /// </summary>
    public bool ServerSideOrderBy { get; init; } = true;

    /// <summary>Items per query page (continuation tokens carry on from there).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>How long a Done push notice stays before Cosmos TTL removes it.</summary>
    public TimeSpan DoneNoticeTimeToLive { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long a workspace lease lasts unless renewed.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a live holder renews its lease.</summary>
    public TimeSpan LeaseRenewEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting acquirer looks again.</summary>
    public TimeSpan LeasePollEvery { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that is wrong.</summary>
    public CosmosStoreOptions Validate()
    {
        var problems = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            problems.Add($"{Section}:Endpoint is required (an absolute https URL)");
        }
        else if (Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{Section}:Endpoint must be https (the SDK speaks only TLS to Cosmos DB)");
        }
        if (Key is { } key && !IsBase64(key))
        {
            problems.Add($"{Section}:Key is not a base64 account key");
        }
        Require(problems, Database, "Database");
        Require(problems, RecordsContainer, "RecordsContainer");
        if (LocalEmulator && Endpoint is { IsLoopback: false })
        {
            problems.Add($"{Section}:LocalEmulator is only for a loopback endpoint (a local emulator)");
        }
        if (LocalEmulator && !LimitToEndpoint)
        {
            problems.Add($"{Section}:LocalEmulator needs LimitToEndpoint (no regional endpoint may be reached with it)");
        }
        if (LocalEmulator && !GatewayMode)
        {
            problems.Add($"{Section}:LocalEmulator needs GatewayMode (the certificate hook is the gateway's HttpClient)");
        }
        if (PageSize is < 1 or > 1000)
        {
            problems.Add($"{Section}:PageSize must be 1–1000 (was {PageSize})");
        }
        if (DoneNoticeTimeToLive < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{Section}:DoneNoticeTimeToLive must be at least one second");
        }
        if (LeaseTtl < TimeSpan.FromSeconds(1) || LeaseRenewEvery <= TimeSpan.Zero || LeaseRenewEvery >= LeaseTtl)
        {
            problems.Add($"{Section}:LeaseTtl must be at least one second and LeaseRenewEvery positive and below it");
        }
        if (LeasePollEvery <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:LeasePollEvery must be positive");
        }
        return problems.Count == 0 ? this : throw new InvalidOperationException("Invalid Cosmos DB settings: " + string.Join("; ", problems) + ".");
    }

    private static void Require(List<string> problems, string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{Section}:{name} is required");
        }
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return value.Length > 0 && Convert.TryFromBase64String(value, buffer, out _);
    }
}
