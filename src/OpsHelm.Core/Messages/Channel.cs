namespace OpsHelm.Core.Messages;

/// <summary>Where a message came from.</summary>
public enum Channel
{
    /// <summary>Mail (Graph or Gmail).</summary>
    Email,
    /// <summary>WhatsApp Cloud API.</summary>
    WhatsApp,
}
