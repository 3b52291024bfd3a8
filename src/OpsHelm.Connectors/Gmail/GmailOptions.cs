namespace OpsHelm.Connectors.Gmail;

/// <summary>How the Gmail connector talks to the Gmail REST API, bound from the <c>Gmail</c> configuration section.</summary>
public sealed class GmailOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gmail";

    /// <summary>Root of the Gmail API (tests point it at a fake).</summary>
    public Uri BaseUrl { get; set; } = new("https://gmail.googleapis.com/");

    /// <summary>History records per users.history.list page (Gmail allows at most 500).</summary>
    public int HistoryPageSize { get; set; } = 500;

    /// <summary>Message ids per users.messages.list page (Gmail allows at most 500).</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>How far back a bootstrap or a resync after a lost historyId lists messages.</summary>
    public TimeSpan ResyncWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most this many messages are listed by one resync; older ones are left to reconciliation.</summary>
    public int ResyncMaxMessages { get; set; } = 2_000;

    /// <summary>Attachments larger than this are not downloaded: they are recorded without content and rejected by the pipeline.</summary>
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>No response body larger than this is read (a base64url attachment of the maximum size fits).</summary>
    public long MaxResponseBytes { get; set; } = 40L * 1024 * 1024;

    /// <summary>Retries of a throttled (429, 403 rate limit) or failed (5xx, network) call.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay when the provider names none.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries; a Retry-After beyond it ends the retries (the next poll tries again).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The Pub/Sub topic users.watch publishes to (<c>projects/{project}/topics/{topic}</c>); null when no watch is kept.</summary>
    public string? WatchTopicName { get; set; }

    /// <summary>The labels users.watch reports on.</summary>
    public IReadOnlyList<string> WatchLabelIds { get; set; } = ["INBOX", "SENT"];

    /// <summary>A watch is renewed when it is this old (Google recommends daily).</summary>
    public TimeSpan WatchRenewEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A watch is always renewed when it lapses within this span.</summary>
    public TimeSpan WatchRenewBeforeExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every setting that is wrong.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && !BaseUrl.IsLoopback))
        {
            problems.Add("Gmail:BaseUrl must be an absolute https URL (http only on loopback)");
        }
        if (HistoryPageSize is < 1 or > 500)
        {
            problems.Add($"Gmail:HistoryPageSize must be 1–500 (was {HistoryPageSize})");
        }
        if (ListPageSize is < 1 or > 500)
        {
            problems.Add($"Gmail:ListPageSize must be 1–500 (was {ListPageSize})");
        }
        if (ResyncWindow <= TimeSpan.Zero || ResyncWindow > TimeSpan.FromDays(366))
        {
            problems.Add($"Gmail:ResyncWindow must be positive and at most a year (was {ResyncWindow})");
        }
        if (ResyncMaxMessages < 1)
        {
            problems.Add($"Gmail:ResyncMaxMessages must be positive (was {ResyncMaxMessages})");
        }
        if (MaxAttachmentBytes < 1)
        {
            problems.Add($"Gmail:MaxAttachmentBytes must be positive (was {MaxAttachmentBytes})");
        }
        if (MaxResponseBytes < 64 * 1024 || MaxResponseBytes < MaxAttachmentBytes)
        {
            problems.Add("Gmail:MaxResponseBytes must be at least 64 KiB and at least Gmail:MaxAttachmentBytes");
        }
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"Gmail:MaxRetries must be 0–10 (was {MaxRetries})");
        }
        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay <= TimeSpan.Zero || RetryBaseDelay > MaxRetryDelay)
        {
            problems.Add("Gmail:RetryBaseDelay must be non-negative and not above a positive Gmail:MaxRetryDelay");
        }
        if (WatchTopicName is { } topic && !topic.StartsWith("projects/", StringComparison.Ordinal))
        {
            problems.Add("Gmail:WatchTopicName must be a full topic name, projects/{project}/topics/{topic}");
        }
        if (WatchLabelIds.Count == 0)
        {
            problems.Add("Gmail:WatchLabelIds must name at least one label");
        }
        if (WatchRenewEvery <= TimeSpan.Zero || WatchRenewEvery > TimeSpan.FromDays(6))
        {
            problems.Add($"Gmail:WatchRenewEvery must be positive and under the 7-day watch lifetime (was {WatchRenewEvery})");
        }
        if (WatchRenewBeforeExpiry <= TimeSpan.Zero || WatchRenewBeforeExpiry >= TimeSpan.FromDays(7))
        {
            problems.Add($"Gmail:WatchRenewBeforeExpiry must be positive and under 7 days (was {WatchRenewBeforeExpiry})");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid Gmail settings: " + string.Join("; ", problems));
        }
    }
}
