namespace OpsHelm.Core.Triage;

/// <summary>What an operator does with an exception.</summary>
public enum TriageAction
{
    /// <summary>Accept the message as it is: normalization runs again (with the current configuration) and the exception is Resolved.</summary>
    Resolve,
    /// <summary>Ignore the exception: it is Dismissed, nothing else changes.</summary>
    Dismiss,
    /// <summary>Put the message on a ticket: normalization runs again inside that ticket's thread and the exception is Resolved.</summary>
    Assign,
}
