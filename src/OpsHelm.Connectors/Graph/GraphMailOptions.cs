namespace OpsHelm.Connectors.Graph;

/// <summary>How mail is read: page size, bootstrap and resync windows, attachment limits.</summary>
public sealed class GraphMailOptions
{
    /// <summary>Messages per delta page (sent as <c>Prefer: odata.maxpagesize</c>).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>How far back a first run (no checkpoint) reads; null reads the whole folder.</summary>
    public int? BootstrapDays { get; set; } = 30;

    /// <summary>How far back a resync reads after Graph lost the delta token.</summary>
    public int ResyncDays { get; set; } = 7;

    /// <summary>Delta pages read per folder and run at most; the rest are read next run from the saved link.</summary>
    public int MaxPagesPerFolder { get; set; } = 500;

    /// <summary>Re-read a message in full when delta left out its internet headers (not for Sent Items, whose messages have none).</summary>
    public bool FetchMissingHeaders { get; set; } = true;

    /// <summary>File attachments larger than this are not downloaded; they are recorded as rejected with the limit named.</summary>
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Attachments read per message; the rest are recorded as not read.</summary>
    public int MaxAttachmentsPerMessage { get; set; } = 50;

    /// <summary>Largest Graph response body read, in bytes; a bigger one fails the call.</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>What is wrong with the settings, one line per problem; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PageSize is < 1 or > 1000)
        {
            problems.Add($"Mail.{nameof(PageSize)} must be between 1 and 1000 (is {PageSize})");
        }
        if (BootstrapDays is < 1 or > 3650)
        {
            problems.Add($"Mail.{nameof(BootstrapDays)} must be empty or between 1 and 3650 (is {BootstrapDays})");
        }
        if (ResyncDays is < 1 or > 365)
        {
            problems.Add($"Mail.{nameof(ResyncDays)} must be between 1 and 365 (is {ResyncDays})");
        }
        if (MaxPagesPerFolder < 1)
        {
            problems.Add($"Mail.{nameof(MaxPagesPerFolder)} must be positive (is {MaxPagesPerFolder})");
        }
        if (MaxAttachmentBytes < 1)
        {
            problems.Add($"Mail.{nameof(MaxAttachmentBytes)} must be positive (is {MaxAttachmentBytes})");
        }
        if (MaxAttachmentsPerMessage is < 0 or > 500)
        {
            problems.Add($"Mail.{nameof(MaxAttachmentsPerMessage)} must be between 0 and 500 (is {MaxAttachmentsPerMessage})");
        }
        if (MaxResponseBytes < 64 * 1024)
        {
            problems.Add($"Mail.{nameof(MaxResponseBytes)} must be at least 65536 (is {MaxResponseBytes})");
        }
        return problems;
    }
}
