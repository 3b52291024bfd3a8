using System.Text;
using OpsHelm.Connectors.Tests.WhatsApp;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Inbound;

/// <summary>
/// The WhatsApp inbound path under provider faults, each row asserting what is recorded and what the operator sees:
/// poison content (lone surrogates, NUL, bytes that are not UTF-8), unknown routing keys, unusable wamids, duplicate and
/// out-of-order deliveries, media Meta cannot serve. (WhatsApp is push-only: there is no page, delta token or 429 to a pull.)
/// </summary>
public sealed class WhatsAppFaultMatrixTests
{
    private static string Message(string id, string text, string from = "13125550111", long timestamp = 1795400000) =>
        $$$"""{"from":"{{{from}}}","id":"{{{id}}}","timestamp":"{{{timestamp}}}","type":"text","text":{"body":"{{{text}}}"}}""";

    private static byte[] Delivery(string phoneNumberId, string contactName, params string[] messages) => Encoding.UTF8.GetBytes(
        $$$$"""{"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{"metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{{phoneNumberId}}}}"},"contacts":[{"profile":{"name":"{{{{contactName}}}}"},"wa_id":"13125550111"}],"messages":[{{{{string.Join(",", messages)}}}}]}}]}]}""");

    private static async Task<WhatsAppDeliveryResult> DeliverAsync(WhatsAppHarness wa, byte[] body) =>
        await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), body, CancellationToken.None);

    private static async Task<List<InboundMessage>> ReadAsync(WhatsAppHarness wa)
    {
        var messages = new List<InboundMessage>();
        await foreach (var batch in wa.Source.ReadAsync(WhatsAppHarness.Workspace, [], null, CancellationToken.None))
        {
            messages.AddRange(batch.Items.Select(i => i.Message ?? throw new InvalidOperationException(i.Failure)));
        }
        return messages;
    }

    [Fact]
    public async Task A_poison_message_between_two_good_ones_is_repaired_with_evidence_and_all_three_are_recorded()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = Delivery(WhatsAppHarness.PhoneNumberId, "A",
            Message("wamid.A", "first"), Message("wamid.B", @"bad \ud800 x"), Message("wamid.C", "third"));

        var result = await DeliverAsync(wa, body);

        result.StatusCode.ShouldBe(200);
        result.MessagesRecorded.ShouldBe(3);
        result.Repaired.ShouldBe(1);
        var messages = await ReadAsync(wa);
        messages.Select(m => m.ProviderMessageId).ShouldBe(["wamid.A", "wamid.B", "wamid.C"], ignoreOrder: true);
        var poison = messages.Single(m => m.ProviderMessageId == "wamid.B");
        poison.Body.ShouldBe("bad \uFFFD x");
        poison.Repairs.ShouldHaveSingleItem().ShouldContain("lone surrogate");
        messages.Where(m => m != poison).ShouldAllBe(m => m.Repairs.Count == 0);
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_contact_name_a_NUL_and_a_valid_pair_are_told_apart()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = Delivery(WhatsAppHarness.PhoneNumberId, @"Ana \udc00",
            Message("wamid.NUL", @"a\u0000b"), Message("wamid.EMOJI", @"ok \ud83d\ude00 and \\ud800 typed out"));

        var result = await DeliverAsync(wa, body);

        result.MessagesRecorded.ShouldBe(2);
        var messages = await ReadAsync(wa);
        var nul = messages.Single(m => m.ProviderMessageId == "wamid.NUL");
        nul.Body.ShouldBe("a\uFFFDb");
        nul.From!.Name.ShouldBe("Ana \uFFFD");
        nul.Repairs.ShouldContain(r => r.Contains("NUL"));
        nul.Repairs.ShouldContain(r => r.Contains("lone surrogate"));
        // A surrogate pair is text, and an escaped backslash before "ud800" is literal text: neither is touched.
        messages.Single(m => m.ProviderMessageId == "wamid.EMOJI").Body.ShouldBe("ok \U0001F600 and \\ud800 typed out");
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_in_a_message_text_are_repaired_and_the_message_recorded()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var text = Encoding.UTF8.GetString(Delivery(WhatsAppHarness.PhoneNumberId, "A", Message("wamid.BYTES", "caf@")));
        var at = text.IndexOf("caf@", StringComparison.Ordinal) + 3;
        byte[] body = [.. Encoding.UTF8.GetBytes(text[..at]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(text[(at + 1)..])];

        (await DeliverAsync(wa, body)).MessagesRecorded.ShouldBe(1);

        var message = (await ReadAsync(wa)).ShouldHaveSingleItem();
        message.Body.ShouldBe("caf\uFFFD(");
        message.Repairs.ShouldHaveSingleItem().ShouldContain("not UTF-8");
    }

    [Fact]
    public async Task An_unknown_phone_number_id_is_acknowledged_traced_at_host_level_and_logged_without_content()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = Delivery("999000111222333", "A", Message("wamid.X", "secret words"), Message("wamid.Y", "more"));

        var result = await DeliverAsync(wa, body);

        result.StatusCode.ShouldBe(200);
        result.Unrouted.ShouldBe(2);
        (await wa.PendingAsync()).ShouldBeEmpty();
        var entry = wa.Unrouted.Deliveries.Current.ShouldHaveSingleItem();
        (entry.Provider, entry.Key, entry.Reason, entry.Count).ShouldBe(("WhatsApp", "999000111222333", UnroutedReasons.UnknownRoute, 2L));
        var lines = wa.Unrouted.Logger.Entries.Where(e => e.EventId == 1200).ToList();
        lines.Count.ShouldBe(2);
        lines[0].Values["Key"].ShouldBe("999000111222333");
        lines[0].Values["Provider"].ShouldBe("WhatsApp");
        lines.ShouldAllBe(l => !l.Text.Contains("secret words"));
        // A workspace's incidents never show traffic that is not its own.
        (await wa.Store.Store.Health.ListIncidentsAsync(WhatsAppHarness.Workspace.Id, null, CancellationToken.None)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", UnroutedReasons.MissingMessageId)]
    [InlineData("overlong", UnroutedReasons.OverlongMessageId)]
    [InlineData(@"wamid.\u0001x", UnroutedReasons.InvalidMessageId)]
    [InlineData(@"wamid.\ud800", UnroutedReasons.InvalidMessageId)]
    public async Task An_unusable_wamid_opens_an_incident_on_the_number_and_its_neighbours_are_recorded(string wamid, string reason)
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var id = wamid == "overlong" ? "wamid." + new string('x', 600) : wamid;
        var body = Delivery(WhatsAppHarness.PhoneNumberId, "A", Message("wamid.BEFORE", "one"), Message(id, "two"), Message("wamid.AFTER", "three"));

        var result = await DeliverAsync(wa, body);

        result.StatusCode.ShouldBe(200);
        (result.MessagesRecorded, result.Unrouted).ShouldBe((2, 1));
        (await ReadAsync(wa)).Select(m => m.ProviderMessageId).ShouldBe(["wamid.BEFORE", "wamid.AFTER"], ignoreOrder: true);
        var incident = (await wa.Store.Store.Health.ListIncidentsAsync(WhatsAppHarness.Workspace.Id, "Open", CancellationToken.None)).ShouldHaveSingleItem();
        incident.Kind.ShouldBe(IncidentKinds.UndeliverableMessage);
        incident.SourceId.ShouldBe(WhatsAppHarness.PhoneNumberId);
        incident.Details.ShouldBe($"1 WhatsApp message(s) acknowledged but not recorded; last: {reason}");
        wa.Unrouted.Logger.Entries.ShouldContain(e => e.EventId == 1201 && e.Values["Reason"] == reason && e.Values["WorkspaceId"] == WhatsAppHarness.Workspace.Id);
    }

    [Fact]
    public async Task A_message_without_an_id_twice_keeps_one_incident_with_a_running_count()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var body = Delivery(WhatsAppHarness.PhoneNumberId, "A", """{"from":"13125550111","timestamp":"1795400000","type":"text","text":{"body":"x"}}""");

        await DeliverAsync(wa, body);
        await DeliverAsync(wa, body);

        var incident = (await wa.Store.Store.Health.ListIncidentsAsync(WhatsAppHarness.Workspace.Id, "Open", CancellationToken.None)).ShouldHaveSingleItem();
        incident.Details.ShouldStartWith("2 WhatsApp message(s)");
    }

    [Fact]
    public async Task A_redelivered_and_an_out_of_order_delivery_record_each_message_once_with_its_own_time()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var later = Delivery(WhatsAppHarness.PhoneNumberId, "A", Message("wamid.LATER", "second", timestamp: 1795400100));
        var earlier = Delivery(WhatsAppHarness.PhoneNumberId, "A", Message("wamid.EARLIER", "first", timestamp: 1795400000));

        (await DeliverAsync(wa, later)).MessagesRecorded.ShouldBe(1);
        (await DeliverAsync(wa, earlier)).MessagesRecorded.ShouldBe(1);
        var again = await DeliverAsync(wa, later);

        (again.MessagesRecorded, again.Duplicates).ShouldBe((0, 1));
        var messages = await ReadAsync(wa);
        messages.Count.ShouldBe(2);
        messages.Single(m => m.ProviderMessageId == "wamid.LATER").SentAt.ToUnixTimeSeconds().ShouldBe(1795400100);
        messages.Single(m => m.ProviderMessageId == "wamid.EARLIER").SentAt.ToUnixTimeSeconds().ShouldBe(1795400000);
    }

    [Fact]
    public async Task Media_Meta_cannot_serve_leaves_the_message_recorded_with_the_attachment_saying_why()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        var image = """{"from":"13125550111","id":"wamid.IMG","timestamp":"1795400000","type":"image","image":{"id":"424242","mime_type":"image/jpeg","caption":"screen"}}""";

        (await DeliverAsync(wa, Delivery(WhatsAppHarness.PhoneNumberId, "A", image))).MessagesRecorded.ShouldBe(1);

        var message = (await ReadAsync(wa)).ShouldHaveSingleItem();
        message.Body.ShouldBe("screen");
        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Content.ShouldBeNull();
        attachment.ContentError.ShouldNotBeNull().ShouldContain("could not be fetched");
    }
}
