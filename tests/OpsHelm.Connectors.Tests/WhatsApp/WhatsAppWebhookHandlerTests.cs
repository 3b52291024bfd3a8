using System.Text;
using OpsHelm.Connectors.WhatsApp;

namespace OpsHelm.Connectors.Tests.WhatsApp;

public class WhatsAppWebhookHandlerTests
{
    private const string TwoEntries = "WhatsApp/delivery-two-entries.json";

    [Fact]
    public async Task Verification_echoes_the_challenge_only_for_subscribe_and_the_configured_token()
    {
        await using var wa = await WhatsAppHarness.StartAsync();

        var accepted = wa.Handler.Verify("subscribe", WhatsAppHarness.VerifyToken, "1158201444");
        var wrongToken = wa.Handler.Verify("subscribe", "opshelm-verify-7f3b", "1158201444");
        var wrongMode = wa.Handler.Verify("unsubscribe", WhatsAppHarness.VerifyToken, "1158201444");
        var noToken = wa.Handler.Verify("subscribe", null, "1158201444");

        accepted.ShouldBe(new WhatsAppVerification(true, "1158201444"));
        accepted.StatusCode.ShouldBe(200);
        new[] { wrongToken, wrongMode, noToken }.ShouldAllBe(v => !v.Accepted && v.Challenge == null && v.StatusCode == 403);
    }

    [Fact]
    public async Task Every_entry_change_and_message_of_a_delivery_is_recorded()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = WhatsAppHarness.FixtureBytes(TwoEntries);

        var result = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), body, CancellationToken.None);

        result.Outcome.ShouldBe(WhatsAppDeliveryOutcome.Recorded);
        result.StatusCode.ShouldBe(200);
        result.MessagesRecorded.ShouldBe(6);
        var pending = await wa.PendingAsync();
        pending.Count.ShouldBe(6);
        pending.ShouldAllBe(n => n.WorkspaceId == "ws-whatsapp" && n.SourceId == WhatsAppHarness.PhoneNumberId && n.Kind == "message" && n.Status == "Pending");
        pending.Select(n => n.Payload).ShouldContain(p => p.Contains("wamid.HBgLMTUxNjU1NTAxMjcVAgASGBQzQjAzAA==", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_wamid_is_recorded_once()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var first = WhatsAppHarness.FixtureBytes(TwoEntries);
        var second = WhatsAppHarness.FixtureBytes("WhatsApp/delivery-with-redelivered-message.json");

        await wa.Handler.HandleAsync(WhatsAppHarness.Sign(first), first, CancellationToken.None);
        var result = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(second), second, CancellationToken.None);
        var again = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(second), second, CancellationToken.None);

        result.MessagesRecorded.ShouldBe(1);
        result.Duplicates.ShouldBe(1);
        again.MessagesRecorded.ShouldBe(0);
        again.Duplicates.ShouldBe(2);
        (await wa.PendingAsync()).Count.ShouldBe(7);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task A_missing_or_malformed_signature_stores_nothing(string? signature)
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = WhatsAppHarness.FixtureBytes(TwoEntries);

        var result = await wa.Handler.HandleAsync(signature, body, CancellationToken.None);

        result.Outcome.ShouldBe(WhatsAppDeliveryOutcome.Unauthorized);
        result.StatusCode.ShouldBe(401);
        (await wa.PendingAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_forged_signature_stores_nothing()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = WhatsAppHarness.FixtureBytes(TwoEntries);

        var otherSecret = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body, "not-the-app-secret"), body, CancellationToken.None);
        // Signed bytes differ from the bytes delivered by one character: the signature is over the raw bytes.
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("Does INC0012345", "Does INC0012346", StringComparison.Ordinal));
        var replayedSignature = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), tampered, CancellationToken.None);

        otherSecret.StatusCode.ShouldBe(401);
        replayedSignature.StatusCode.ShouldBe(401);
        (await wa.PendingAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Status_updates_are_parsed_and_ask_for_no_pull()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = WhatsAppHarness.FixtureBytes("WhatsApp/statuses.json");

        var result = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), body, CancellationToken.None);

        result.Statuses!.Select(s => s.Status).ShouldBe(["sent", "delivered", "read", "failed"]);
        result.Statuses![0].RecipientId.ShouldBe("+16505551234");
        result.Statuses![0].Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1750263773));
        result.Statuses![3].Error.ShouldBe("131047 Re-engagement message");
        result.MessagesRecorded.ShouldBe(0);
        // Recorded for the audit trail already Done: nothing is left Pending for the pull.
        (await wa.PendingAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Messages_for_a_phone_number_no_workspace_has_are_not_recorded()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WhatsAppHarness.FixtureBytes(TwoEntries)).Replace(WhatsAppHarness.PhoneNumberId, "999999999999999", StringComparison.Ordinal));

        var result = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), body, CancellationToken.None);

        result.Unrouted.ShouldBe(6);
        (await wa.PendingAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_delivery_over_the_size_limit_is_refused_before_anything_is_read()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = new byte[wa.Options.MaxBodyBytes + 1];

        var result = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), body, CancellationToken.None);

        result.StatusCode.ShouldBe(413);
        (await wa.PendingAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_business_account_delivery_is_a_bad_request()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = Encoding.UTF8.GetBytes("""{"object":"page","entry":[]}""");

        var result = await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), body, CancellationToken.None);

        result.StatusCode.ShouldBe(400);
    }
}
