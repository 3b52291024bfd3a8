using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>
/// Blob names <c>{workspace}/{message}/{file}</c> and the attachment ids that stand for them. A segment is kept as written when it
/// is a plain name and hashed otherwise, so no id or name can climb out of its workspace or alias another; the file name is the
/// safe name with anything but letters, digits and <c>._-()</c> turned into '_'. The attachment id is the base64url of
/// <c>{message}/{file}</c>: reversible, checked on the way back, and meaningful only together with the workspace it is asked for.
/// </summary>
internal static partial class BlobNames
{
    private const string IdPrefix = "att-";

    /// <summary>The folder segment of a workspace or message id.</summary>
    public static string Segment(string value) =>
        PlainSegment().IsMatch(value) ? value : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    /// <summary>A blob-safe file name from an already safe file name.</summary>
    public static string File(string safeName)
    {
        var chars = safeName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '(' or ')' ? c : '_').ToArray();
        var name = new string(chars).TrimStart('.');
        return name.Length == 0 ? "attachment" : name;
    }

    /// <summary>The blob name of a message's file in a workspace.</summary>
    public static string Blob(string workspaceId, string messageSegment, string file) => Segment(workspaceId) + "/" + messageSegment + "/" + file;

    /// <summary>The attachment id of a message's file.</summary>
    public static string Id(string messageSegment, string file) =>
        IdPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(messageSegment + "/" + file)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The blob name an attachment id stands for in <paramref name="workspaceId"/>, or null when the id is not one of ours.</summary>
    public static string? BlobOf(string workspaceId, string attachmentId)
    {
        if (!attachmentId.StartsWith(IdPrefix, StringComparison.Ordinal) || attachmentId.Length > 600)
        {
            return null;
        }
        var encoded = attachmentId[IdPrefix.Length..].Replace('-', '+').Replace('_', '/');
        encoded = encoded.PadRight(encoded.Length + (4 - encoded.Length % 4) % 4, '=');
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return null;
        }
        var parts = Encoding.UTF8.GetString(bytes, 0, written).Split('/');
        return parts.Length == 2 && PlainSegment().IsMatch(parts[0]) && parts[1].Length > 0 && File(parts[1]) == parts[1]
            ? Blob(workspaceId, parts[0], parts[1])
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.=:-]{0,127}$")]
    private static partial Regex PlainSegment();
}
