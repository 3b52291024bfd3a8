using OpsHelm.Connectors.Mime;

namespace OpsHelm.Connectors.Imap;

/// <summary>How IMAP mailboxes are read, bound from the <c>Imap</c> configuration section; secrets live here, never in the workspace config.</summary>
public sealed class ImapOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Imap";

    /// <summary>
    /// The password (an app password) or OAuth2 access token of each IMAP mailbox, keyed by the mailbox's id in the
    /// workspace config (setting <c>Imap:Secrets:{mailboxId}</c>, environment <c>Imap__Secrets__{mailboxId}</c>). Never logged.
    /// </summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>UIDs fetched per page (one checkpoint per page).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How far back a first sync, or a resync after UIDVALIDITY changed, reads.</summary>
    public TimeSpan ResyncWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Reconnections after a dropped connection before the mailbox is given up for this run.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay; it doubles on each retry.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Socket timeout of one IMAP command.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages larger than this are not downloaded (they become a ParseFailure naming the size).</summary>
    public long MaxMessageBytes { get; set; } = MimeLimits.Default.MaxMessageBytes;

    /// <summary>Accept any server certificate (a test server with a self-signed certificate only).</summary>
    public bool AcceptAnyCertificate { get; set; }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that is wrong.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (BatchSize is < 1 or > 5_000)
        {
            problems.Add($"Imap:BatchSize must be 1–5000 (was {BatchSize})");
        }
        if (ResyncWindow <= TimeSpan.Zero || ResyncWindow > TimeSpan.FromDays(366))
        {
            problems.Add($"Imap:ResyncWindow must be positive and at most a year (was {ResyncWindow})");
        }
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"Imap:MaxRetries must be 0–10 (was {MaxRetries})");
        }
        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay <= TimeSpan.Zero || RetryBaseDelay > MaxRetryDelay)
        {
            problems.Add("Imap:RetryBaseDelay must be non-negative and not above a positive Imap:MaxRetryDelay");
        }
        if (CommandTimeout <= TimeSpan.Zero)
        {
            problems.Add("Imap:CommandTimeout must be positive");
        }
        if (MaxMessageBytes < 1024)
        {
            problems.Add("Imap:MaxMessageBytes must be at least 1024");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid IMAP settings: " + string.Join("; ", problems));
        }
    }
}
