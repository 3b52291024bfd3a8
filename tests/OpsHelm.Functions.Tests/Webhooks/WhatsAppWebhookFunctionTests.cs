using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Tests.Webhooks;

public sealed class WhatsAppWebhookFunctionTests
{
    private const string AppSecret = "test-app-secret-not-a-real-one";
    private const string VerifyToken = "verify-me-please";

    private static ServeApp Configured() => new(new()
    {
        ["WhatsApp:AppSecret"] = AppSecret,
        ["WhatsApp:VerifyToken"] = VerifyToken,
        ["WhatsApp:AccessToken"] = "test-access-token",
    });

    [Fact]
    public async Task Without_settings_the_webhook_says_which_are_missing()
    {
        using var app = new ServeApp();

        var response = await app.CreateClient().GetAsync("/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("AppSecret");
    }

    [Fact]
    public async Task Metas_verification_gets_the_challenge_only_with_the_right_token()
    {
        using var app = Configured();
        var client = app.CreateClient();

        var ok = await client.GetAsync($"/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");
        var wrong = await client.GetAsync("/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.Content.ReadAsStringAsync()).ShouldBe("1158201444");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signed_delivery_is_recorded_and_a_forged_one_stores_nothing()
    {
        using var app = Configured();
        var client = app.CreateClient();
        var inbox = app.Services.GetRequiredService<IPushInbox>();

        var forged = await client.SendAsync(Delivery(Signature("another secret", Body)));
        (await inbox.ListPendingAsync("ws-demo", 10, CancellationToken.None)).ShouldBeEmpty();
        var missing = await client.SendAsync(Delivery(null));
        var signed = await client.SendAsync(Delivery(Signature(AppSecret, Body)));
        var again = await client.SendAsync(Delivery(Signature(AppSecret, Body)));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        // The delivery's notice starts a run in the background; once it is done the message is recorded once.
        await app.Services.GetRequiredService<InProcessIngestion>().WhenIdleAsync();
        (await app.Services.GetRequiredService<IRecordStore>().ListEventsAsync("ws-demo", CancellationToken.None))
            .Where(e => e.Channel.Equals("WhatsApp", StringComparison.OrdinalIgnoreCase)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_delivery_over_the_size_limit_is_a_413_and_stores_nothing()
    {
        using var app = Configured();
        var huge = new string(' ', 1024 * 1024 + 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whatsapp") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", Signature(AppSecret, huge));

        var response = await app.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await app.Services.GetRequiredService<IPushInbox>().ListPendingAsync("ws-demo", 10, CancellationToken.None)).ShouldBeEmpty();
    }

    // A text message delivery in the Cloud API's webhook shape, to the demo workspace's phone number id.
    private const string Body = """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"13125550140","phone_number_id":"118604729351207"},
        "contacts":[{"profile":{"name":"Dana Whitfield"},"wa_id":"13125550199"}],
        "messages":[{"from":"13125550199","id":"wamid.HBgLMTMxMjU1NTAxOTkVAgASGBQzQTdCMkM0RkJGMjg3QjA2QjU2NwA=","timestamp":"1763733600","type":"text",
        "text":{"body":"The lobby printer at Prairie Ridge is jammed again, can you look?"}}]},"field":"messages"}]}]}
        """;

    private static HttpRequestMessage Delivery(string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whatsapp") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }
        return request;
    }

    private static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
