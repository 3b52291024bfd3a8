namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// What every Gmail part shares: the HTTP client, the token source, the validated options and the clock retries wait on.
/// One per app; the history source, the watch manager and the inventory all take it.
/// </summary>
public sealed class GmailConnection(HttpClient http, IGmailTokenSource tokens, GmailOptions options, TimeProvider time)
{
    internal GmailClient Client { get; } = new(http, tokens, options, time);

    /// <summary>The options in force.</summary>
    public GmailOptions Options => options;

    /// <summary>Provider name used in health, subscriptions and pushes.</summary>
    public const string Provider = "Gmail";
}
