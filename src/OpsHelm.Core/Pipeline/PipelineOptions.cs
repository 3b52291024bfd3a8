using System.ComponentModel.DataAnnotations;

namespace OpsHelm.Core.Pipeline;

/// <summary>Limits and defaults of steps 4–7, bound from the <c>Pipeline</c> configuration section.</summary>
public sealed class PipelineOptions
{
    /// <summary>Body text beyond this many characters is cut (with evidence saying so).</summary>
    [Range(1_000, 10_000_000)]
    public int MaxBodyChars { get; set; } = 100_000;

    /// <summary>Attachments larger than this are rejected.</summary>
    [Range(1, 1L << 31)]
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>File extensions never stored (executables and scripts).</summary>
    public IReadOnlyList<string> BlockedAttachmentExtensions { get; set; } =
        [".exe", ".dll", ".bat", ".cmd", ".com", ".scr", ".js", ".jse", ".vbs", ".vbe", ".ps1", ".msi", ".hta", ".jar", ".lnk", ".pif", ".reg", ".wsf"];

    /// <summary>How long before a commitment's due time its reminder fires.</summary>
    public TimeSpan CommitmentReminderLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When a promise states no due date, its reminder fires this long after it was made.</summary>
    public TimeSpan UndatedCommitmentReminder { get; set; } = TimeSpan.FromDays(1);
}
