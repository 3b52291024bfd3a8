namespace OpsHelm.Core.Pipeline;

/// <summary>Which side of a ticket a message comes from.</summary>
public enum TouchKind
{
    /// <summary>The customer (or any outside party).</summary>
    Customer,
    /// <summary>Us.</summary>
    Internal,
    /// <summary>The ticket system's own notification.</summary>
    System,
}
