using OpsHelm.Connectors.Resilience;

namespace OpsHelm.Connectors.Graph;

/// <summary>The Microsoft Graph connector's settings (configuration section <c>Graph</c>).</summary>
public sealed class GraphOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Graph";

    /// <summary>Graph's base URL with its version; tests point it at a fake server.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The token scope; app-only tokens use the resource's <c>.default</c>.</summary>
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>The app-only credential.</summary>
    public GraphCredentialOptions Credential { get; set; } = new();

    /// <summary>Retries of throttled and failing calls.</summary>
    public HttpRetryOptions Retry { get; set; } = new();

    /// <summary>Mail reading.</summary>
    public GraphMailOptions Mail { get; set; } = new();

    /// <summary>Calendar reading.</summary>
    public GraphCalendarOptions Calendar { get; set; } = new();

    /// <summary>Change-notification subscriptions; validated only where subscriptions are used.</summary>
    public GraphSubscriptionOptions Subscriptions { get; set; } = new();

    /// <summary>What is wrong with the settings for reading (subscriptions aside), one line per problem; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            problems.Add($"{nameof(BaseUrl)} must be an absolute https URL (http only on loopback)");
        }
        if (string.IsNullOrWhiteSpace(Scope))
        {
            problems.Add($"{nameof(Scope)} is required");
        }
        problems.AddRange(Credential.Validate());
        problems.AddRange(Retry.Validate().Select(p => "Retry." + p));
        problems.AddRange(Mail.Validate());
        problems.AddRange(Calendar.Validate());
        return problems;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every problem of <see cref="Validate"/>.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{SectionName} settings are invalid: " + string.Join("; ", problems));
        }
    }
}
