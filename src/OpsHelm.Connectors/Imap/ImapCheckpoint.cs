using System.Globalization;

namespace OpsHelm.Connectors.Imap;

/// <summary>Where a folder's stream stands: its UIDVALIDITY and the last UID read (<c>uidvalidity:uid</c>).</summary>
/// <param name="UidValidity">The folder's UIDVALIDITY when it was read.</param>
/// <param name="LastUid">The highest UID read.</param>
public sealed record ImapCheckpoint(uint UidValidity, uint LastUid)
{
    /// <summary>The stored form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{UidValidity}:{LastUid}");

    /// <summary>The checkpoint of <paramref name="text"/>, or null when there is none or it is not one.</summary>
    public static ImapCheckpoint? Parse(string? text)
    {
        var colon = text?.IndexOf(':') ?? -1;
        return colon > 0
            && uint.TryParse(text![..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
            && uint.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? new ImapCheckpoint(validity, uid)
            : null;
    }
}
