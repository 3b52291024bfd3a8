using System.Text.RegularExpressions;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>
/// Where operational state goes in Azure Table storage (section <c>OpsHelm:Tables</c>): the table service URI with Entra ID in
/// Azure (the user-assigned identity), or a connection string for Azurite and keyed accounts. One table per concern, each
/// named <see cref="TablePrefix"/> + concern.
/// </summary>
public sealed partial record TableStoreOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "OpsHelm:Tables";

    /// <summary>The table service endpoint, <c>https://{account}.table.core.windows.net</c> (Entra ID; no key).</summary>
    public Uri? TableServiceUri { get; init; }

    /// <summary>A connection string (Azurite, keyed accounts); never set in Azure.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The user-assigned managed identity's client id, when Entra ID is used with one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>Put before every table name (letters and digits), so several deployments or tests can share an account.</summary>
    public string TablePrefix { get; init; } = "opshelm";

    /// <summary>Create the tables at start-up when missing (Azurite; in Azure the Bicep creates them).</summary>
    public bool CreateTablesAtStartup { get; init; }

    /// <summary>The SDK's retries after a 408, 429, 500, 502, 503, 504 or a failed connection.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry's delay; later ones back off exponentially (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many times an update that lost an ETag race is tried again with the fresh entity.</summary>
    public int MaxConflictRetries { get; init; } = 8;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that is wrong.</summary>
    public TableStoreOptions Validate()
    {
        var problems = new List<string>();
        var hasUri = TableServiceUri is not null;
        var hasConnection = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasUri == hasConnection)
        {
            problems.Add($"{Section}:TableServiceUri (Entra ID) or {Section}:ConnectionString (Azurite) is required, not both");
        }
        if (TableServiceUri is { } uri)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{Section}:TableServiceUri must be an absolute https URL");
            }
            else if (uri.Scheme == Uri.UriSchemeHttp)
            {
                problems.Add($"{Section}:TableServiceUri must be https (Entra ID tokens are never sent in the clear; use ConnectionString for Azurite)");
            }
            else if (!string.IsNullOrEmpty(uri.Query))
            {
                problems.Add($"{Section}:TableServiceUri must not carry a query string (no SAS tokens in settings)");
            }
        }
        if (!PrefixPattern().IsMatch(TablePrefix))
        {
            problems.Add($"{Section}:TablePrefix must be 1–40 letters and digits, starting with a letter");
        }
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"{Section}:MaxRetries must be 0–10");
        }
        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:RetryDelay must be 0–60 s");
        }
        if (MaxConflictRetries is < 1 or > 100)
        {
            problems.Add($"{Section}:MaxConflictRetries must be 1–100");
        }
        return problems.Count == 0 ? this : throw new InvalidOperationException("Invalid Table storage settings: " + string.Join("; ", problems) + ".");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex PrefixPattern();
}
