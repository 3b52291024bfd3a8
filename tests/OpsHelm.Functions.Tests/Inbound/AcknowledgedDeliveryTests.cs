using System.Net;
using System.Text.Json;

namespace OpsHelm.Functions.Tests.Inbound;

/// <summary>
/// The issue's requests against the app as a process: a signed WhatsApp delivery holding a lone surrogate, and deliveries
/// that route nowhere. Every acknowledged message reaches the portal or leaves a trace an operator can find over HTTP.
/// </summary>
public sealed class AcknowledgedDeliveryTests
{
    private const string Conversations = $"/api/workspaces/{InboundApp.WorkspaceId}/conversations";
    private const string Sources = $"/api/workspaces/{InboundApp.WorkspaceId}/sources";

    // The issue's request, byte for byte (app secret s3cret).
    private const string IssueBody = """{"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{"metadata":{"display_phone_number":"13125550140","phone_number_id":"118604729351207"},"contacts":[{"profile":{"name":"A"},"wa_id":"13125550111"}],"messages":[{"from":"13125550111","id":"wamid.REPRO-1","timestamp":"1795400000","type":"text","text":{"body":"bad \ud800 x"}}]}}]}]}""";

    private static int MessageCount(JsonElement conversations) => InboundApp.Excerpts(conversations).Count;

    [Fact]
    public async Task The_issue_poison_request_and_a_poison_message_between_two_good_ones_are_answered_200_and_all_reach_the_portal()
    {
        await using var app = await InboundApp.StartAsync();

        var issue = await app.DeliverWhatsAppAsync(IssueBody);
        var neighbours = await app.DeliverWhatsAppAsync(InboundApp.Delivery(InboundApp.PhoneNumberId,
            InboundApp.Text("wamid.A", "first message", 1795400010),
            InboundApp.Text("wamid.B", @"contact\u0000 name \udc00 and text", 1795400020),
            InboundApp.Text("wamid.C", "third message", 1795400030)));

        issue.StatusCode.ShouldBe(HttpStatusCode.OK);
        neighbours.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversations = await app.WaitForAsync(Conversations, c => MessageCount(c) == 4);
        InboundApp.Excerpts(conversations).ShouldBe(
            ["bad \uFFFD x", "first message", "contact\uFFFD name \uFFFD and text", "third message"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_delivery_for_an_unknown_number_is_acknowledged_and_listed_by_the_hosts_health_without_any_workspace_seeing_it()
    {
        await using var app = await InboundApp.StartAsync();

        var response = await app.DeliverWhatsAppAsync(InboundApp.Delivery("999000111222333", InboundApp.Text("wamid.LOST", "hello")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var health = await app.GetAsync("/api/health");
        var entry = health.GetProperty("unrouted").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("provider").GetString().ShouldBe("WhatsApp");
        entry.GetProperty("key").GetString().ShouldBe("999000111222333");
        entry.GetProperty("reason").GetString().ShouldBe("unknown routing key");
        entry.GetProperty("count").GetInt64().ShouldBe(1);
        var number = InboundApp.Source(await app.GetAsync(Sources), InboundApp.PhoneNumberId);
        number.GetProperty("incidents").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_message_whose_wamid_is_too_long_opens_an_incident_on_the_number_and_its_neighbour_reaches_the_portal()
    {
        await using var app = await InboundApp.StartAsync();

        var response = await app.DeliverWhatsAppAsync(InboundApp.Delivery(InboundApp.PhoneNumberId,
            InboundApp.Text("wamid." + new string('x', 600), "lost id"), InboundApp.Text("wamid.KEPT", "kept message")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var incident = InboundApp.Source(await app.GetAsync(Sources), InboundApp.PhoneNumberId).GetProperty("incidents").EnumerateArray().ShouldHaveSingleItem();
        incident.GetProperty("kind").GetString().ShouldBe("UndeliverableMessage");
        incident.GetProperty("details").GetString().ShouldBe("1 WhatsApp message(s) acknowledged but not recorded; last: message id too long");
        var conversations = await app.WaitForAsync(Conversations, c => MessageCount(c) == 1);
        InboundApp.Excerpts(conversations).ShouldBe(["kept message"]);
    }
}
