namespace OpsHelm.Core.Records;

/// <summary>Where a ticket stands.</summary>
public enum StatusBucket
{
    /// <summary>Just opened.</summary>
    New,
    /// <summary>Being worked.</summary>
    InProgress,
    /// <summary>The customer owes the next step.</summary>
    WaitingOnCustomer,
    /// <summary>A vendor owes the next step.</summary>
    WaitingOnVendor,
    /// <summary>Cannot move.</summary>
    Blocked,
    /// <summary>Fixed.</summary>
    Resolved,
    /// <summary>Closed.</summary>
    Closed,
}
