namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// What every Gmail part shares: the HTTP client, the token source, the validated options and the clock retries wait on.
/// One per app; the history source, the watch manager and the inventory all take it. The optional <c>onRetry</c> hears of each
/// retry (status and delay), as <see cref="Graph.GraphClientBuilder"/>'s does.
/// </summary>
public sealed class GmailConnection(HttpClient http, IGmailTokenSource tokens, GmailOptions options, TimeProvider time, Action<int?, TimeSpan>? onRetry = null)
{
    internal GmailClient Client { get; } = new(http, tokens, options, time, onRetry);

    /// <summary>The options in force.</summary>
    public GmailOptions Options => options;

    /// <summary>Provider name used in health, subscriptions and pushes.</summary>
    public const string Provider = "Gmail";
}
