namespace OpsHelm.Core.Records;

/// <summary>A ticket system whose ids OpsHelm recognises.</summary>
public enum TicketSystem
{
    /// <summary>ServiceNow (INC, RITM, REQ, CHG, PRB, TASK, SCTASK numbers).</summary>
    ServiceNow,
    /// <summary>ConnectWise Manage (numeric service tickets).</summary>
    ConnectWise,
}
