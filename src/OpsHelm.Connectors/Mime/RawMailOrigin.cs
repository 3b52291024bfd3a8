using System.Security.Cryptography;
using System.Text;

namespace OpsHelm.Connectors.Mime;

/// <summary>Where a raw message came from in a file source, and the ids derived from it.</summary>
/// <param name="FileName">The file's name (no directory).</param>
/// <param name="Index">1-based position of the message within the file (always 1 for an .eml).</param>
/// <param name="IsMbox">Whether the file is an mbox (the index is then part of the name shown).</param>
/// <param name="Offset">The byte offset of an mbox message's From line: its position for the fallback id, the same whatever run reads it.</param>
internal sealed record RawMailOrigin(string FileName, int Index, bool IsMbox, long Offset = 0)
{
    /// <summary>What a result line's <c>source</c> says: the file, and the index within an mbox.</summary>
    public string Display => IsMbox ? $"{FileName}#{Index}" : FileName;

    /// <summary>The id of a message without a Message-ID (or of a failure): a stable hash of the file name and position.</summary>
    public string FallbackId =>
        "mime-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(IsMbox ? $"{FileName}\n@{Offset}" : $"{FileName}\n{Index}")))[..32];
}
