using System.Globalization;

namespace OpsHelm.Connectors.Replay;

/// <summary>A JSON Lines checkpoint that can be resumed from: <c>name#L&lt;line&gt;@&lt;offset&gt;~&lt;fingerprint&gt;</c>.</summary>
internal sealed record ResumeCheckpoint(int Line, long Offset, string Fingerprint)
{
    /// <summary>The checkpoint of file <paramref name="name"/> in <paramref name="checkpoint"/>, or null (another file, no offset, unreadable).</summary>
    public static ResumeCheckpoint? Parse(string? checkpoint, string name)
    {
        var prefix = name + "#L";
        if (checkpoint is null || !checkpoint.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = checkpoint.AsSpan(prefix.Length);
        var at = rest.IndexOf('@');
        var tilde = rest.IndexOf('~');
        if (at <= 0 || tilde <= at + 1 || tilde == rest.Length - 1)
        {
            return null;
        }
        return int.TryParse(rest[..at], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            && long.TryParse(rest[(at + 1)..tilde], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? new ResumeCheckpoint(line, offset, rest[(tilde + 1)..].ToString())
            : null;
    }
}
