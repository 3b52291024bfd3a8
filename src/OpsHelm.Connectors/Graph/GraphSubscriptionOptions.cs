namespace OpsHelm.Connectors.Graph;

/// <summary>Where Graph posts change and lifecycle notifications, and how long subscriptions live.</summary>
public sealed class GraphSubscriptionOptions
{
    /// <summary>The public HTTPS URL of <c>POST /api/notifications/graph</c>.</summary>
    public string? NotificationUrl { get; set; }

    /// <summary>The public HTTPS URL of <c>POST /api/notifications/graph/lifecycle</c>.</summary>
    public string? LifecycleNotificationUrl { get; set; }

    /// <summary>Requested lifetime; Graph allows just under 7 days for mail (10,080 minutes) and may shorten it.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A subscription expiring within this is renewed.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Change types subscribed to, comma-separated.</summary>
    public string ChangeType { get; set; } = "created";

    /// <summary>Largest notification body accepted, in bytes.</summary>
    public int MaxNotificationBytes { get; set; } = 1024 * 1024;

    /// <summary>Notifications in one delivery accepted at most.</summary>
    public int MaxNotificationsPerDelivery { get; set; } = 1000;

    /// <summary>What is wrong with the settings, one line per problem; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!IsAbsoluteHttpUrl(NotificationUrl))
        {
            problems.Add($"Subscriptions.{nameof(NotificationUrl)} must be an absolute http(s) URL");
        }
        if (LifecycleNotificationUrl is not null && !IsAbsoluteHttpUrl(LifecycleNotificationUrl))
        {
            problems.Add($"Subscriptions.{nameof(LifecycleNotificationUrl)} must be an absolute http(s) URL when set");
        }
        if (Lifetime < TimeSpan.FromMinutes(45) || Lifetime > TimeSpan.FromMinutes(10080))
        {
            problems.Add($"Subscriptions.{nameof(Lifetime)} must be between 45 minutes and 10080 minutes (is {Lifetime})");
        }
        if (RenewBefore <= TimeSpan.Zero || RenewBefore >= Lifetime)
        {
            problems.Add($"Subscriptions.{nameof(RenewBefore)} must be positive and shorter than {nameof(Lifetime)} (is {RenewBefore})");
        }
        if (string.IsNullOrWhiteSpace(ChangeType))
        {
            problems.Add($"Subscriptions.{nameof(ChangeType)} is required");
        }
        if (MaxNotificationBytes is < 1024 or > 16 * 1024 * 1024)
        {
            problems.Add($"Subscriptions.{nameof(MaxNotificationBytes)} must be between 1 KB and 16 MB (is {MaxNotificationBytes})");
        }
        if (MaxNotificationsPerDelivery is < 1 or > 10000)
        {
            problems.Add($"Subscriptions.{nameof(MaxNotificationsPerDelivery)} must be between 1 and 10000 (is {MaxNotificationsPerDelivery})");
        }
        return problems;
    }

    private static bool IsAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
