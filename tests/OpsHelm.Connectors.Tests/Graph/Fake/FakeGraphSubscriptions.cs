using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpsHelm.Connectors.Tests.Graph.Fake;

/// <summary>
/// The subscriptions half of the fake: POST /subscriptions (201), PATCH /subscriptions/{id} (200), DELETE (204), 404 for
/// unknown ids. It grants at most <see cref="MaxLifetime"/>, so a client that trusts its own requested expiry is caught.
/// </summary>
public sealed class FakeGraphSubscriptions(FakeGraphServer server)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _subscriptions = [];

    /// <summary>The longest lifetime the fake grants.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The live subscriptions.</summary>
    public IReadOnlyList<JsonObject> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriptions.Values.Select(s => (JsonObject)s.DeepClone())];
            }
        }
    }

    /// <summary>Drops a subscription on Graph's side (as when Graph removes it).</summary>
    public void Drop(string id)
    {
        lock (_gate)
        {
            _subscriptions.Remove(id);
        }
    }

    /// <summary>When true, creating a subscription first validates its notification URLs as Graph does (a POST with <c>?validationToken=</c> that must be echoed as text/plain within 10 s).</summary>
    public bool ValidateNotificationUrls { get; set; }

    /// <summary>The URLs validated so far, with whether each answered correctly.</summary>
    public IReadOnlyList<(string Url, bool Passed)> Validations
    {
        get
        {
            lock (_gate)
            {
                return [.. _validations];
            }
        }
    }

    private readonly List<(string Url, bool Passed)> _validations = [];

    private async Task<bool> ValidatesAsync(string url)
    {
        // A token with characters that need URL encoding, as Graph's do.
        var token = "Validation: Testing client application reachability for subscription Request-Id: " + Guid.NewGuid();
        bool passed;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var response = await http.PostAsync(url + (url.Contains('?') ? "&" : "?") + "validationToken=" + Uri.EscapeDataString(token),
                new StringContent("", System.Text.Encoding.UTF8, "text/plain"));
            passed = (int)response.StatusCode == 200 && response.Content.Headers.ContentType?.MediaType == "text/plain"
                && await response.Content.ReadAsStringAsync() == token;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            passed = false;
        }
        lock (_gate)
        {
            _validations.Add((url, passed));
        }
        return passed;
    }

    internal async Task<bool> HandleAsync(HttpContext context, FakeRequest request)
    {
        var s = request.Segments;
        if (s.Length == 1 && request.Method == "POST")
        {
            var body = JsonNode.Parse(request.Body) as JsonObject;
            var missing = new[] { "changeType", "notificationUrl", "resource", "expirationDateTime" }.FirstOrDefault(p => body?[p] is null);
            if (body is null || missing is not null)
            {
                await FakeGraphServer.ErrorAsync(context, 400, "InvalidRequest", $"The property '{missing}' is required.");
                return true;
            }
            if (ValidateNotificationUrls)
            {
                foreach (var url in new[] { (string?)body["notificationUrl"], (string?)body["lifecycleNotificationUrl"] }.OfType<string>())
                {
                    if (!await ValidatesAsync(url))
                    {
                        await FakeGraphServer.ErrorAsync(context, 400, "ValidationError",
                            "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
                        return true;
                    }
                }
            }
            var id = Guid.NewGuid().ToString();
            var subscription = new JsonObject
            {
                ["@odata.context"] = $"{server.BaseUrl}/$metadata#subscriptions/$entity",
                ["id"] = id,
                ["resource"] = body["resource"]!.DeepClone(),
                ["applicationId"] = "24d3b144-21ae-4080-943f-7067b395b913",
                ["changeType"] = body["changeType"]!.DeepClone(),
                ["clientState"] = body["clientState"]?.DeepClone(),
                ["notificationUrl"] = body["notificationUrl"]!.DeepClone(),
                ["lifecycleNotificationUrl"] = body["lifecycleNotificationUrl"]?.DeepClone(),
                ["expirationDateTime"] = Grant((string)body["expirationDateTime"]!),
                ["creatorId"] = "8ee44408-0679-472c-bc2a-692812af3437",
                ["latestSupportedTlsVersion"] = "v1_2",
            };
            lock (_gate)
            {
                _subscriptions[id] = subscription;
            }
            await FakeGraphServer.JsonAsync(context, 201, subscription);
            return true;
        }
        if (s.Length == 2 && request.Method is "PATCH" or "DELETE")
        {
            JsonObject? subscription;
            lock (_gate)
            {
                subscription = _subscriptions.GetValueOrDefault(s[1]);
                if (subscription is not null && request.Method == "DELETE")
                {
                    _subscriptions.Remove(s[1]);
                }
            }
            if (subscription is null)
            {
                await FakeGraphServer.ErrorAsync(context, 404, "ResourceNotFound", $"The object was not found.");
                return true;
            }
            if (request.Method == "DELETE")
            {
                context.Response.StatusCode = 204;
                return true;
            }
            var body = JsonNode.Parse(request.Body) as JsonObject;
            if (body?["expirationDateTime"] is not { } requested)
            {
                await FakeGraphServer.ErrorAsync(context, 400, "InvalidRequest", "expirationDateTime is required.");
                return true;
            }
            lock (_gate)
            {
                subscription["expirationDateTime"] = Grant((string)requested!);
            }
            await FakeGraphServer.JsonAsync(context, 200, subscription.DeepClone());
            return true;
        }
        return false;
    }

    private string Grant(string requested)
    {
        var asked = DateTimeOffset.Parse(requested, CultureInfo.InvariantCulture);
        var granted = asked > server.Now + MaxLifetime ? server.Now + MaxLifetime : asked;
        return granted.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }
}
