namespace OpsHelm.Core.Telemetry;

/// <summary>
/// Attribute names of OpsHelm's spans and metric points. Metric tags take only values from small closed sets (trigger,
/// status, outcome, category, reason, provider) plus the workspace id, which the configuration bounds (a deployment has a
/// handful of workspaces, and per-tenant rates are what an operator asks about); run, item and message ids go on spans only.
/// </summary>
public static class TelemetryTags
{
    /// <summary>The workspace (spans and metrics).</summary>
    public const string WorkspaceId = "opshelm.workspace.id";
    /// <summary>The run (spans only).</summary>
    public const string RunId = "opshelm.run.id";
    /// <summary>Timer, Push, Manual, Cli or Backfill.</summary>
    public const string Trigger = "opshelm.run.trigger";
    /// <summary>Succeeded or Failed.</summary>
    public const string RunStatus = "opshelm.run.status";
    /// <summary>The provider's message id, or <c>line:N</c> (spans only).</summary>
    public const string MessageId = "opshelm.message.id";
    /// <summary>An attempt's outcome: Done, Failed or ProcessingFailed.</summary>
    public const string Outcome = "opshelm.message.outcome";
    /// <summary>A message's category (Ticket, Meeting, SentSummary, Internal, Noise, Other).</summary>
    public const string Category = "opshelm.message.category";
    /// <summary>An exception record's reason.</summary>
    public const string ExceptionReason = "opshelm.exception.reason";
    /// <summary>Items a page's pull read (spans).</summary>
    public const string Items = "opshelm.pull.items";
    /// <summary>Graph, Gmail or WhatsApp.</summary>
    public const string Provider = "opshelm.provider";
    /// <summary>Why a delivery was not recorded as a message (<see cref="OpsHelm.Core.Sources.UnroutedReasons"/>).</summary>
    public const string UnroutedReason = "opshelm.unrouted.reason";
    /// <summary>Where an unrouted delivery's incident is kept: host or workspace.</summary>
    public const string UnroutedScope = "opshelm.unrouted.scope";
    /// <summary>The webhook endpoint (GraphNotifications, GmailPush, …).</summary>
    public const string Webhook = "opshelm.webhook";
    /// <summary>OpenTelemetry's name for the HTTP method.</summary>
    public const string HttpMethod = "http.request.method";
    /// <summary>OpenTelemetry's name for the HTTP status code.</summary>
    public const string HttpStatusCode = "http.response.status_code";
    /// <summary>OpenTelemetry's name for the host called.</summary>
    public const string ServerAddress = "server.address";
    /// <summary>OpenTelemetry's name for the kind of failure (an exception type).</summary>
    public const string ErrorType = "error.type";
}
