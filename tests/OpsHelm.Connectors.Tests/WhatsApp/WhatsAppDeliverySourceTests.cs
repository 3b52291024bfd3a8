using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;

namespace OpsHelm.Connectors.Tests.WhatsApp;

public class WhatsAppDeliverySourceTests
{
    private static async Task<List<SourceBatch>> ReadAllAsync(WhatsAppHarness wa)
    {
        var batches = new List<SourceBatch>();
        await foreach (var batch in wa.Source.ReadAsync(WhatsAppHarness.Workspace, [], null, CancellationToken.None))
        {
            batches.Add(batch);
        }
        return batches;
    }

    private static async Task DeliverAsync(WhatsAppHarness wa, string fixture)
    {
        var body = WhatsAppHarness.FixtureBytes(fixture);
        (await wa.Handler.HandleAsync(WhatsAppHarness.Sign(body), body, CancellationToken.None)).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Image_and_document_media_are_fetched_and_carried_as_attachment_bytes()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        await DeliverAsync(wa, "WhatsApp/delivery-two-entries.json");

        var messages = (await ReadAllAsync(wa)).SelectMany(b => b.Items).Select(i => i.Message!).ToList();

        messages.Count.ShouldBe(6);
        var image = messages.Single(m => m.ProviderMessageId == "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAyAA==");
        image.Attachments.Single().Content.ShouldBe(WhatsAppHarness.Bytes(0xD8, 2_000));
        image.Attachments.Single().ContentType.ShouldBe("image/jpeg");
        image.Body.ShouldBe("Error on screen");
        var document = messages.Single(m => m.ProviderMessageId == "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAzAA==");
        document.Attachments.Single().Name.ShouldBe("quote.pdf");
        document.Attachments.Single().Content.ShouldBe(WhatsAppHarness.Bytes(0x25, 3_000));
        messages.ShouldAllBe(m => m.Channel == Channel.WhatsApp && m.Mailbox == "+15550783881" && m.From!.Address.StartsWith('+'));
        messages.Single(m => m.ProviderMessageId == "wamid.HBgLMTUxNjU1NTAxMjcVAgASGBQzQjAxAA==").From!.ShouldBe(new Participant("+15165550127", "Renée Castillo"));
        wa.Meta.Server.Requests.Count(r => r.StartsWith("GET /whatsapp_business/attachments/", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Media_over_the_limit_is_kept_without_content_and_not_downloaded()
    {
        await using var wa = await WhatsAppHarness.StartAsync(maxMediaBytes: 1_800);
        await DeliverAsync(wa, "WhatsApp/delivery-two-entries.json");

        var messages = (await ReadAllAsync(wa)).SelectMany(b => b.Items).Select(i => i.Message!).ToList();

        var attachments = messages.SelectMany(m => m.Attachments).ToList();
        attachments.Count(a => a.Content is null && a.ContentError!.Contains("1800-byte", StringComparison.Ordinal)).ShouldBe(2);
        attachments.Single(a => a.Content is not null).Content!.Length.ShouldBe(1_500);
        wa.Meta.Server.Requests.Count(r => r.StartsWith("GET /whatsapp_business/attachments/", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_notice_is_marked_done_only_after_its_page_was_handed_on()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        await DeliverAsync(wa, "WhatsApp/delivery-two-entries.json");

        await using var pages = wa.Source.ReadAsync(WhatsAppHarness.Workspace, [], null, CancellationToken.None).GetAsyncEnumerator();
        (await pages.MoveNextAsync()).ShouldBeTrue();
        var pendingWhileFirstPageOpen = (await wa.PendingAsync()).Count;
        var sizes = new List<int> { pages.Current.Items.Count };
        while (await pages.MoveNextAsync())
        {
            sizes.Add(pages.Current.Items.Count);
        }

        sizes.ShouldBe([4, 2]);
        pendingWhileFirstPageOpen.ShouldBe(6);
        (await wa.PendingAsync()).ShouldBeEmpty();
    }
}
