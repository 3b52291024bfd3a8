using System.Text;
using OpsHelm.Api.Access;

namespace OpsHelm.Functions.Tests.Fuzz;

/// <summary>
/// Valid requests of every webhook and portal route, each made fresh from a random source so that provider ids vary and a
/// valid delivery is a new one (recorded, not deduplicated away).
/// </summary>
public sealed class SeedRequests(FuzzTargets targets)
{
    private static readonly string DemoPrincipal = Principal("workspace:ws-demo");
    private static readonly string OtherPrincipal = Principal("workspace:ws-other");

    private static readonly string[] PortalReads =
    [
        "/api/workspaces", "/api/workspaces/ws-demo/runs", "/api/workspaces/ws-demo/runs?limit=5", "/api/workspaces/ws-demo/exceptions",
        "/api/workspaces/ws-demo/exceptions?status=Open", "/api/workspaces/ws-demo/tickets", "/api/workspaces/ws-demo/tasks",
        "/api/workspaces/ws-demo/commitments", "/api/workspaces/ws-demo/sources", "/api/workspaces/ws-demo/meetings",
        "/api/workspaces/ws-demo/conversations", "/api/workspaces/ws-other/tickets", "/api/openapi/v1.json", "/api/health",
    ];

    private static readonly string[] TriageActions = ["resolve", "dismiss", "assign"];

    /// <summary>The seeds, each a request maker.</summary>
    public IReadOnlyList<Func<Random, FuzzRequest>> All =>
    [
        GraphNotification, GraphValidation, GraphLifecycle, WhatsAppVerification, WhatsAppDelivery, WhatsAppDelivery, GmailPush,
        PortalRead, PortalRead, PortalItemRead, Ingest, Triage, Triage, MeetingDismissal,
        HostileWhatsAppDelivery, HostileWhatsAppDelivery, HostileGraphNotification, HostileGmailPush,
    ];

    /// <summary>
    /// What a string inside a correctly signed body or a valid envelope can hold that no string can carry on, or that no id
    /// may be: lone surrogates, NUL, bytes that are not UTF-8 (a marker made raw bytes), ids over 512 characters, an empty id.
    /// </summary>
    private static readonly string[] HostileStrings =
    [
        @"\ud800", @"x\udc00y", @"\u0000", @"a\u0000\ud83d", @"\ud83d\ude00\ud800", InvalidUtf8Marker, "", "OVERLONG",
    ];

    private const string InvalidUtf8Marker = "RAW-INVALID-UTF8";

    private static string Hostile(Random random, string normal)
    {
        var pick = HostileStrings[random.Next(HostileStrings.Length)];
        return pick switch
        {
            "OVERLONG" => normal + new string('x', 513 + random.Next(2_000)),
            "" => "",
            _ => random.Next(2) == 0 ? normal + pick : pick,
        };
    }

    // The marker becomes real invalid UTF-8 (0xC3 0x28) once the body is bytes.
    private static byte[] WithInvalidUtf8(string body)
    {
        var raw = Encoding.UTF8.GetBytes(body);
        var marker = Encoding.UTF8.GetBytes(InvalidUtf8Marker);
        var output = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw.AsSpan(i).StartsWith(marker))
            {
                output.Add(0xC3);
                output.Add(0x28);
                i += marker.Length - 1;
                continue;
            }
            output.Add(raw[i]);
        }
        return [.. output];
    }

    /// <summary>A correctly signed delivery of three messages whose middle one carries hostile text, contact name or wamid (sometimes for an unknown number).</summary>
    private FuzzRequest HostileWhatsAppDelivery(Random random)
    {
        var id = "wamid." + Id(random);
        var (text, name, middleId) = random.Next(3) switch
        {
            0 => (Hostile(random, "printer"), "Dana", id + "-b"),
            1 => ("printer", Hostile(random, "Dana"), id + "-b"),
            _ => ("printer", "Dana", Hostile(random, id)),
        };
        var phone = random.Next(8) == 0 ? "999000111222333" : "118604729351207";
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"13125550140","phone_number_id":"{{{phone}}}"},
            "contacts":[{"profile":{"name":"{{{name}}}"},"wa_id":"13125550199"}],
            "messages":[{"from":"13125550199","id":"{{{id}}}-a","timestamp":"1763733600","type":"text","text":{"body":"first"}},
            {"from":"13125550199","id":"{{{middleId}}}","timestamp":"1763733601","type":"text","text":{"body":"{{{text}}}"}},
            {"from":"13125550199","id":"{{{id}}}-c","timestamp":"1763733602","type":"text","text":{"body":"third"}}]},"field":"messages"}]}]}
            """;
        var bytes = WithInvalidUtf8(body);
        return new("whatsapp-hostile", "POST", "/api/webhooks/whatsapp",
            [new(WhatsAppSignature.Header, WhatsAppSignature.Of(targets.WhatsAppSecret, bytes))], bytes, "application/json", false);
    }

    /// <summary>A valid Graph envelope (known subscription and clientState, sometimes an unknown subscription) with a hostile resource or ids.</summary>
    private FuzzRequest HostileGraphNotification(Random random)
    {
        var id = Id(random);
        var subscription = random.Next(4) == 0 ? Hostile(random, targets.SubscriptionId) : targets.SubscriptionId;
        var resource = "Users/jonah.reyes@northwindharbor.com/Messages/" + id;
        var body = $$"""
            {"value":[{"subscriptionId":"{{subscription}}","changeType":"created","resource":"{{(random.Next(2) == 0 ? Hostile(random, resource) : resource)}}",
            "resourceData":{"id":"{{Hostile(random, id)}}"},"clientState":"{{targets.ClientState}}"}]}
            """;
        return new("graph-hostile", "POST", "/api/notifications/graph", [], WithInvalidUtf8(body), "application/json", false);
    }

    /// <summary>A valid Pub/Sub envelope whose message id or address is hostile.</summary>
    private static FuzzRequest HostileGmailPush(Random random)
    {
        var address = random.Next(2) == 0 ? Hostile(random, "ops@othermsp.example") : "ops@othermsp.example";
        var data = Convert.ToBase64String(WithInvalidUtf8($$"""{"emailAddress":"{{address}}","historyId":{{random.Next(1, int.MaxValue)}}}"""));
        var messageId = Hostile(random, random.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var body = $$"""
            {"message":{"data":"{{data}}","messageId":"{{messageId}}"},"subscription":"projects/opshelm/subscriptions/gmail-push"}
            """;
        return new("gmail-hostile", "POST", "/api/notifications/gmail", [new("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")],
            WithInvalidUtf8(body), "application/json", false);
    }

    private FuzzRequest GraphNotification(Random random)
    {
        var id = Id(random);
        var body = $$"""
            {"value":[{"subscriptionId":"{{targets.SubscriptionId}}","subscriptionExpirationDateTime":"2026-11-23T18:23:45.9356913Z",
            "changeType":"created","resource":"Users/jonah.reyes@northwindharbor.com/Messages/{{id}}",
            "resourceData":{"@odata.type":"#Microsoft.Graph.Message","@odata.id":"Users/jonah.reyes@northwindharbor.com/Messages/{{id}}",
            "@odata.etag":"W/\"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf\"","id":"{{id}}"},
            "clientState":"{{targets.ClientState}}","tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95"}]}
            """;
        return Json("graph-notification", "/api/notifications/graph", body, []);
    }

    private FuzzRequest GraphValidation(Random random) =>
        new("graph-validation", "POST", (random.Next(2) == 0 ? "/api/notifications/graph" : "/api/notifications/graph/lifecycle")
            + "?validationToken=Validation%3A%20Testing%20client%20application%20reachability%20" + random.Next(), [], null, null, false);

    private FuzzRequest GraphLifecycle(Random random)
    {
        var lifecycleEvent = random.Next(3) switch { 0 => "reauthorizationRequired", 1 => "subscriptionRemoved", _ => "missed" };
        var body = $$"""
            {"value":[{"subscriptionId":"{{targets.SubscriptionId}}","subscriptionExpirationDateTime":"2026-11-2{{random.Next(10)}}T18:23:45Z",
            "tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95","clientState":"{{targets.ClientState}}","lifecycleEvent":"{{lifecycleEvent}}"}]}
            """;
        return Json("graph-lifecycle", "/api/notifications/graph/lifecycle", body, []);
    }

    private FuzzRequest WhatsAppVerification(Random random) =>
        new("whatsapp-verification", "GET",
            $"/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={targets.WhatsAppVerifyToken}&hub.challenge={random.Next()}", [], null, null, false);

    private FuzzRequest WhatsAppDelivery(Random random)
    {
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"13125550140","phone_number_id":"118604729351207"},
            "contacts":[{"profile":{"name":"Dana Whitfield"},"wa_id":"13125550199"}],
            "messages":[{"from":"13125550199","id":"wamid.{{{Id(random)}}}","timestamp":"{{{1763733600 + random.Next(100_000)}}}","type":"text",
            "text":{"body":"The lobby printer at Prairie Ridge is jammed again, can you look?"}}]},"field":"messages"}]}]}
            """;
        var bytes = Encoding.UTF8.GetBytes(body);
        return new("whatsapp-delivery", "POST", "/api/webhooks/whatsapp",
            [new(WhatsAppSignature.Header, WhatsAppSignature.Of(targets.WhatsAppSecret, bytes))], bytes, "application/json", false);
    }

    private static FuzzRequest GmailPush(Random random)
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"emailAddress":"ops@othermsp.example","historyId":{{random.Next(1, int.MaxValue)}}}"""));
        var body = $$"""
            {"message":{"data":"{{data}}","messageId":"{{random.NextInt64(1, long.MaxValue)}}","publishTime":"2026-11-21T15:00:00.000Z"},
            "subscription":"projects/opshelm/subscriptions/gmail-push"}
            """;
        return Json("gmail-push", "/api/notifications/gmail", body, [new("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]);
    }

    private static FuzzRequest PortalRead(Random random) =>
        new("portal-read", "GET", PortalReads[random.Next(PortalReads.Length)], PrincipalOf(random), null, null, false);

    private FuzzRequest PortalItemRead(Random random)
    {
        var path = random.Next(3) switch
        {
            0 => "/api/workspaces/ws-demo/runs/" + Pick(random, targets.RunIds),
            1 => "/api/workspaces/ws-demo/tickets/" + Uri.EscapeDataString(Pick(random, targets.TicketIds)),
            _ => "/api/workspaces/ws-demo/attachments/" + Uri.EscapeDataString(Pick(random, targets.AttachmentIds)),
        };
        return new("portal-item", "GET", path, PrincipalOf(random), null, null, false);
    }

    private static FuzzRequest Ingest(Random random) =>
        Json("ingest", "/api/workspaces/ws-demo/ingest" + (random.Next(2) == 0 ? "" : "?since=2026-0" + random.Next(1, 10) + "-01"), "{}",
            PrincipalOf(random));

    private FuzzRequest Triage(Random random)
    {
        var action = TriageActions[random.Next(TriageActions.Length)];
        var body = action == "assign"
            ? $$"""{"ticketId":"{{Pick(random, targets.TicketIds)}}","note":"fuzz {{random.Next()}}"}"""
            : $$"""{"note":"fuzz {{random.Next()}}"}""";
        return Json("triage-" + action, $"/api/workspaces/ws-demo/exceptions/{Uri.EscapeDataString(Pick(random, targets.ExceptionIds))}/{action}", body,
            PrincipalOf(random));
    }

    private FuzzRequest MeetingDismissal(Random random) =>
        Json("meeting-dismissal", $"/api/workspaces/ws-demo/meetings/{Uri.EscapeDataString(Pick(random, targets.EventKeys))}/dismiss", "{}",
            PrincipalOf(random));

    private static FuzzRequest Json(string name, string path, string body, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(name, "POST", path, headers, Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8", false);

    // Mostly a principal that may see the demo workspace; sometimes none (401) or another workspace's (404).
    private static IReadOnlyList<KeyValuePair<string, string>> PrincipalOf(Random random) => random.Next(10) switch
    {
        < 7 => [new(ClientPrincipalReader.HeaderName, DemoPrincipal)],
        7 => [new(ClientPrincipalReader.HeaderName, OtherPrincipal)],
        _ => [],
    };

    private static string Principal(string role) =>
        ClientPrincipalReader.Write(new ClientPrincipal("aad", "user-fuzz", "fuzz@example.com", ["authenticated", role]));

    private static string Id(Random random) => "AAMk" + random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static string Pick(Random random, IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : ids[random.Next(ids.Count)];
}
