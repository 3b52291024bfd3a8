namespace OpsHelm.Core.Messages;

/// <summary>A sender or recipient: an address (mail) or an E.164 number (chat), and a display name.</summary>
public sealed record Participant(string Address, string? Name = null)
{
    /// <summary>The domain part of a mail address, lower case; empty for chat numbers.</summary>
    public string Domain
    {
        get
        {
            var at = Address.LastIndexOf('@');
            return at < 0 ? "" : Address[(at + 1)..].Trim().ToLowerInvariant();
        }
    }
}
