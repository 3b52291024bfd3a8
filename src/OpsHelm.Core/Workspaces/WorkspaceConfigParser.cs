using System.Text.Json;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Workspaces;

/// <summary>Reads a workspace configuration document and validates it, naming every problem found.</summary>
public static class WorkspaceConfigParser
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses and validates <paramref name="json"/>; <paramref name="origin"/> names the file in errors.</summary>
    public static WorkspaceConfig Parse(string json, string origin)
    {
        WorkspaceConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<WorkspaceConfig>(json, Json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new WorkspaceConfigException($"{origin}: not a valid workspace config{where}: {ex.Message}", ex);
        }
        if (config is null)
        {
            throw new WorkspaceConfigException($"{origin}: the workspace config is empty (null).");
        }
        var problems = Validate(config);
        if (problems.Count > 0)
        {
            throw new WorkspaceConfigException($"{origin}: invalid workspace config: {string.Join("; ", problems)}");
        }
        return config;
    }

    /// <summary>Lists what is wrong with <paramref name="config"/>; empty when it is usable.</summary>
    public static IReadOnlyList<string> Validate(WorkspaceConfig config)
    {
        var problems = new List<string>();
        // JSON null bypasses the records' defaults; name it instead of failing later.
        var nulls = new (string Name, object? Value)[]
        {
            ("mailboxes", config.Mailboxes), ("internalDomains", config.InternalDomains), ("customers", config.Customers),
            ("ticketSources", config.TicketSources), ("blocklist", config.Blocklist), ("thresholds", config.Thresholds),
        }.Where(p => p.Value is null).Select(p => $"'{p.Name}' must not be null").ToList();
        if (nulls.Count > 0 || config.Blocklist.Emails is null || config.Blocklist.Domains is null)
        {
            problems.AddRange(nulls.Count > 0 ? nulls : ["'blocklist.emails' and 'blocklist.domains' must not be null"]);
            return problems;
        }
        if (string.IsNullOrWhiteSpace(config.Id))
        {
            problems.Add("'id' is required");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(config.TimeZone ?? "", out _))
        {
            problems.Add($"'timeZone' '{config.TimeZone}' is not a known IANA time zone");
        }
        foreach (var (mailbox, i) in config.Mailboxes.Select((m, i) => (m, i)))
        {
            if (string.IsNullOrWhiteSpace(mailbox.Address) || !mailbox.Address.Contains('@'))
            {
                problems.Add($"'mailboxes[{i}].address' must be an email address");
            }
            if (mailbox.Provider is not ("Graph" or "Gmail" or "Imap"))
            {
                problems.Add($"'mailboxes[{i}].provider' must be Graph, Gmail or Imap, not '{mailbox.Provider}'");
            }
            if (mailbox.Provider == "Imap")
            {
                problems.AddRange(ImapProblems(mailbox.Imap, i));
            }
        }
        foreach (var (source, i) in config.TicketSources.Select((s, i) => (s, i)))
        {
            if (source.System is not ("ServiceNow" or "ConnectWise"))
            {
                problems.Add($"'ticketSources[{i}].system' must be ServiceNow or ConnectWise, not '{source.System}'");
            }
            foreach (var pattern in source.Patterns ?? [])
            {
                if (!SafeRegex.IsValid(pattern, out var error))
                {
                    problems.Add($"'ticketSources[{i}].patterns' has an invalid regex '{pattern}': {error}");
                }
            }
        }
        var threshold = config.Thresholds.ClassificationConfidence;
        if (threshold is < 0 or > 1)
        {
            problems.Add($"'thresholds.classificationConfidence' must be between 0 and 1, not {threshold}");
        }
        if (config.Thresholds.StaleTicketDays < 1)
        {
            problems.Add("'thresholds.staleTicketDays' must be at least 1");
        }
        return problems;
    }

    // The connection of an IMAP mailbox; its secret is never here (it comes from settings).
    private static IEnumerable<string> ImapProblems(ImapMailboxConfig? imap, int i)
    {
        if (imap is null)
        {
            yield return $"'mailboxes[{i}].imap' (host, port, tls, username) is required for an Imap mailbox";
            yield break;
        }
        if (string.IsNullOrWhiteSpace(imap.Host))
        {
            yield return $"'mailboxes[{i}].imap.host' is required";
        }
        if (imap.Port is < 1 or > 65535)
        {
            yield return $"'mailboxes[{i}].imap.port' must be 1–65535";
        }
        if (imap.Tls is not ("SslOnConnect" or "StartTls" or "None"))
        {
            yield return $"'mailboxes[{i}].imap.tls' must be SslOnConnect, StartTls or None, not '{imap.Tls}'";
        }
        if (imap.Auth is not ("Password" or "OAuth2"))
        {
            yield return $"'mailboxes[{i}].imap.auth' must be Password or OAuth2, not '{imap.Auth}'";
        }
        if (string.IsNullOrWhiteSpace(imap.Username))
        {
            yield return $"'mailboxes[{i}].imap.username' is required";
        }
    }
}
