using System.Security.Cryptography;
using System.Text;
using OpsHelm.Core.Messages;

namespace OpsHelm.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static InboundAttachment File(string name, string text, string contentType = "text/plain") =>
        new() { Name = name, ContentType = contentType, Content = Encoding.UTF8.GetBytes(text), Size = Encoding.UTF8.GetByteCount(text) };

    [Fact]
    public async Task An_attachment_round_trips_with_its_hash_and_safe_name()
    {
        var attachment = File("../../etc/report: Q3.txt", "quarterly numbers");

        var id = await Store.Attachments.SaveAsync("ws", "email:m1", attachment, None);

        var info = await Store.Attachments.FindAsync("ws", id, None);
        info.ShouldNotBeNull();
        info.Name.ShouldBe("report Q3.txt");
        info.EventKey.ShouldBe("email:m1");
        info.Size.ShouldBe(attachment.Content!.LongLength);
        info.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(attachment.Content)));
        (await Store.Attachments.ReadAsync("ws", id, None)).ShouldBe(attachment.Content);
    }

    [Fact]
    public async Task Saving_the_same_attachment_again_gives_the_same_id_and_another_content_under_the_same_name_is_kept_apart()
    {
        var first = await Store.Attachments.SaveAsync("ws", "email:m1", File("notes.txt", "one"), None);
        var again = await Store.Attachments.SaveAsync("ws", "email:m1", File("notes.txt", "one"), None);
        var other = await Store.Attachments.SaveAsync("ws", "email:m1", File("notes.txt", "two"), None);

        again.ShouldBe(first);
        other.ShouldNotBe(first);
        Encoding.UTF8.GetString((await Store.Attachments.ReadAsync("ws", first, None))!).ShouldBe("one");
        Encoding.UTF8.GetString((await Store.Attachments.ReadAsync("ws", other, None))!).ShouldBe("two");
    }

    [Fact]
    public async Task An_attachment_known_only_by_its_metadata_has_no_hash_and_no_bytes()
    {
        var id = await Store.Attachments.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "big.zip", Size = 123456, ContentType = "application/zip" }, None);

        var info = await Store.Attachments.FindAsync("ws", id, None);

        info!.Sha256.ShouldBeNull();
        info.Size.ShouldBe(123456);
        (await Store.Attachments.ReadAsync("ws", id, None)).ShouldBeNull();
        (await Store.Attachments.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(5), None)).ShouldBeNull();
    }

    [Fact]
    public async Task Another_workspace_cannot_find_read_or_link_an_attachment()
    {
        var id = await Store.Attachments.SaveAsync("ws", "email:m1", File("notes.txt", "private"), None);

        (await Store.Attachments.FindAsync("other", id, None)).ShouldBeNull();
        (await Store.Attachments.ReadAsync("other", id, None)).ShouldBeNull();
        (await Store.Attachments.CreateReadLinkAsync("other", id, TimeSpan.FromMinutes(5), None)).ShouldBeNull();
        (await Store.Attachments.FindAsync("ws", "no-such-attachment", None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_read_link_when_the_store_has_links_downloads_exactly_the_stored_bytes()
    {
        var attachment = File("notes.txt", "linked bytes");
        // The link's expiry is checked by the server against its own wall clock: bring the store's clock to now.
        Time.Advance(DateTimeOffset.UtcNow - Time.GetUtcNow());
        var id = await Store.Attachments.SaveAsync("ws", "email:m1", attachment, None);

        var link = await Store.Attachments.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(5), None);

        if (Store.Kind == "embedded")
        {
            link.ShouldBeNull("the embedded store has no links of its own: the app serves the bytes");
            return;
        }
        using var http = new HttpClient();
        (await http.GetByteArrayAsync(link, None)).ShouldBe(attachment.Content);
    }
}
