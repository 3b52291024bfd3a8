using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Functions.Tests.Webhooks;

/// <summary>
/// Found by the request fuzzer: JSON whose structure parses but whose strings are not UTF-8 threw when a string was read,
/// a 500 from every webhook. Such a delivery is refused like any other malformed one and nothing is stored; a signed
/// WhatsApp message whose wamid is not UTF-8 is acknowledged and opens an incident on its number instead of vanishing.
/// </summary>
public sealed class InvalidUtf8DeliveryTests
{
    private const string SubscriptionId = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    private const string ClientState = "s3cr3t-client-state-for-this-subscription";
    private const string AppSecret = "test-app-secret-not-a-real-one";

    // 0xC3 followed by '(' is not UTF-8: the lead byte of a two-byte sequence without its continuation byte.
    private static readonly byte[] NotUtf8 = [0xC3, 0x28];

    [Fact]
    public async Task A_graph_notification_with_a_clientState_that_is_not_UTF8_is_refused_and_nothing_is_stored()
    {
        using var app = new ServeApp();
        await app.Services.GetRequiredService<ISubscriptionStore>().SaveAsync(new ProviderSubscription
        {
            Id = SubscriptionId,
            WorkspaceId = "ws-demo",
            Provider = "Graph",
            SourceId = "jonah.reyes@northwindharbor.com",
            Resource = "users/jonah.reyes@northwindharbor.com/mailFolders('inbox')/messages",
            ClientState = ClientState,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(2),
        }, CancellationToken.None);
        var body = Bytes($$"""{"value":[{"subscriptionId":"{{SubscriptionId}}","changeType":"created","resource":"Users/x/Messages/AAMk1","clientState":"{{ClientState}}""", NotUtf8, "\"}]}");

        var response = await app.CreateClient().PostAsync("/api/notifications/graph", Json(body));

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        (await PendingAsync(app, "ws-demo")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_gmail_push_with_a_message_id_that_is_not_UTF8_is_a_400_and_nothing_is_stored()
    {
        using var app = new ServeApp(new() { ["Gmail:Push:VerifyToken"] = "false" });
        var data = Convert.ToBase64String("""{"emailAddress":"ops@othermsp.example","historyId":9876}"""u8);
        var body = Bytes($$"""{"message":{"data":"{{data}}","messageId":"12""", NotUtf8, "\"}}");

        var response = await app.CreateClient().PostAsync("/api/notifications/gmail", Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PendingAsync(app, "ws-other")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_gmail_push_whose_inner_historyId_is_not_UTF8_is_a_400_and_nothing_is_stored()
    {
        using var app = new ServeApp(new() { ["Gmail:Push:VerifyToken"] = "false" });
        var data = Convert.ToBase64String(Bytes("""{"emailAddress":"ops@othermsp.example","historyId":"98""", NotUtf8, "\"}"));
        var body = Encoding.UTF8.GetBytes($$$"""{"message":{"data":"{{{data}}}","messageId":"12345"}}""");

        var response = await app.CreateClient().PostAsync("/api/notifications/gmail", Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PendingAsync(app, "ws-other")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signed_whatsapp_delivery_whose_message_id_is_not_UTF8_records_no_message_and_opens_an_incident()
    {
        using var app = new ServeApp(new()
        {
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = "verify",
            ["WhatsApp:AccessToken"] = "token",
        });
        var body = Bytes("""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"13125550140","phone_number_id":"118604729351207"},
            "messages":[{"from":"13125550199","timestamp":"1763733600","type":"text","text":{"body":"hi"},"id":"wamid.
            """.TrimEnd(), NotUtf8, "\"}]}}]}]}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whatsapp") { Content = Json(body) };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), body)));

        var response = await app.CreateClient().SendAsync(request);

        ((int)response.StatusCode).ShouldBeLessThan(500);
        (await PendingAsync(app, "ws-demo")).ShouldBeEmpty();
        var incident = (await app.Services.GetRequiredService<ISourceHealthStore>().ListIncidentsAsync("ws-demo", "Open", CancellationToken.None)).ShouldHaveSingleItem();
        (incident.Kind, incident.SourceId).ShouldBe((IncidentKinds.UndeliverableMessage, "118604729351207"));
    }

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static Task<IReadOnlyList<PushNotice>> PendingAsync(ServeApp app, string workspaceId) =>
        app.Services.GetRequiredService<IPushInbox>().ListPendingAsync(workspaceId, 10, CancellationToken.None);
}
