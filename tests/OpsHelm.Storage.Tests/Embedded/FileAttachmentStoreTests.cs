using System.Security.Cryptography;
using System.Text;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

public sealed class FileAttachmentStoreTests : IDisposable
{
    private readonly TempStoreDirectory _directory = new();
    private readonly EmbeddedStore _store;

    public FileAttachmentStoreTests() => _store = EmbeddedStore.Open(Path.Combine(_directory.Path, "store"), new FakeTimeProvider(Samples.Now));

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private FileAttachmentStore Attachments => (FileAttachmentStore)_store.Attachments;

    private string Root => Path.Combine(_store.Directory, "attachments");

    private static InboundAttachment Attachment(string name, string? text = "hello") => new()
    {
        Name = name,
        ContentType = "text/plain",
        Size = 5,
        Content = text is null ? null : Encoding.UTF8.GetBytes(text),
    };

    [Fact]
    public async Task Content_is_written_under_the_workspace_and_a_hash_of_the_event_key()
    {
        var id = await Attachments.SaveAsync("ws", "email:m1", Attachment("report.pdf"), CancellationToken.None);

        var eventFolder = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("email:m1")))[..16];
        var path = Path.Combine(Root, "ws", eventFolder, "report.pdf");
        (await File.ReadAllTextAsync(path)).ShouldBe("hello");
        id.ShouldStartWith("attachment-");
    }

    [Fact]
    public async Task The_metadata_of_a_stored_attachment_is_recorded()
    {
        var id = await Attachments.SaveAsync("ws", "email:m1", Attachment("report.pdf"), CancellationToken.None);

        var stored = (await Attachments.FindStoredAsync("ws", id, CancellationToken.None)).ShouldNotBeNull();

        stored.EventKey.ShouldBe("email:m1");
        stored.Name.ShouldBe("report.pdf");
        stored.ContentType.ShouldBe("text/plain");
        stored.Size.ShouldBe(5);
        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData("hello"u8)));
        File.Exists(Attachments.FullPath(stored.RelativePath!)).ShouldBeTrue();
        (await Attachments.FindStoredAsync("other-ws", id, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Saving_the_same_content_twice_gives_the_same_id_and_one_file()
    {
        var first = await Attachments.SaveAsync("ws", "email:m1", Attachment("report.pdf"), CancellationToken.None);
        var second = await Attachments.SaveAsync("ws", "email:m1", Attachment("report.pdf"), CancellationToken.None);

        second.ShouldBe(first);
        first.ShouldBe(StableId.Of("attachment", "ws", "email:m1", "report.pdf", Convert.ToHexStringLower(SHA256.HashData("hello"u8))));
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\Windows\\win.ini")]
    [InlineData("/etc/shadow")]
    [InlineData("..")]
    [InlineData("a/../../../b.txt")]
    [InlineData("C:\\temp\\x.txt")]
    [InlineData("\u0000../evil\u0001.txt")]
    public async Task Traversal_names_stay_inside_the_attachments_folder(string name)
    {
        var id = await Attachments.SaveAsync("ws", "email:m1", Attachment(name), CancellationToken.None);

        var stored = (await Attachments.FindStoredAsync("ws", id, CancellationToken.None)).ShouldNotBeNull();
        var full = Path.GetFullPath(Path.Combine(Root, stored.RelativePath!));
        full.ShouldStartWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar);
        Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(_store.Directory, "opshelm.db"), StringComparison.Ordinal))
            .ShouldAllBe(f => f.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workspace_id_that_looks_like_a_path_cannot_leave_or_alias_a_workspace_folder()
    {
        await Attachments.SaveAsync("../outside", "email:m1", Attachment("a.txt"), CancellationToken.None);
        await Attachments.SaveAsync("ws/../other", "email:m1", Attachment("a.txt"), CancellationToken.None);

        Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith("a.txt", StringComparison.Ordinal))
            .ShouldAllBe(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))!.StartsWith("ws-"));
        Directory.Exists(Path.Combine(Root, "other")).ShouldBeFalse();
        Directory.Exists(Path.Combine(_store.Directory, "outside")).ShouldBeFalse();
    }

    [Fact]
    public async Task Metadata_without_content_writes_no_file_but_gets_a_stable_id()
    {
        var first = await Attachments.SaveAsync("ws", "email:m1", Attachment("big.zip", text: null), CancellationToken.None);
        var second = await Attachments.SaveAsync("ws", "email:m1", Attachment("big.zip", text: null), CancellationToken.None);

        second.ShouldBe(first);
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
        var stored = (await Attachments.FindStoredAsync("ws", first, CancellationToken.None)).ShouldNotBeNull();
        stored.RelativePath.ShouldBeNull();
        stored.Sha256.ShouldBeNull();
        stored.Size.ShouldBe(5);
    }

    [Fact]
    public async Task Two_attachments_of_one_message_with_the_same_name_are_both_kept()
    {
        var first = await Attachments.SaveAsync("ws", "email:m1", Attachment("image001.png", "one"), CancellationToken.None);
        var second = await Attachments.SaveAsync("ws", "email:m1", Attachment("image001.png", "two"), CancellationToken.None);

        second.ShouldNotBe(first);
        var paths = new[] { first, second }.Select(id => Attachments.FindStoredAsync("ws", id, CancellationToken.None).Result!.RelativePath!).ToList();
        paths.Distinct().Count().ShouldBe(2);
        (await File.ReadAllTextAsync(Attachments.FullPath(paths[0]))).ShouldBe("one");
        (await File.ReadAllTextAsync(Attachments.FullPath(paths[1]))).ShouldBe("two");
        (await Attachments.SaveAsync("ws", "email:m1", Attachment("image001.png", "two"), CancellationToken.None)).ShouldBe(second);
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length.ShouldBe(2);
    }

    [Fact]
    public async Task The_same_attachment_in_two_workspaces_is_two_attachments()
    {
        var inA = await Attachments.SaveAsync("ws-a", "email:m1", Attachment("report.pdf"), CancellationToken.None);
        var inB = await Attachments.SaveAsync("ws-b", "email:m1", Attachment("report.pdf"), CancellationToken.None);

        inB.ShouldNotBe(inA);
        Directory.GetDirectories(Root).Select(Path.GetFileName).Order().ShouldBe(["ws-a", "ws-b"]);
    }

    [Fact]
    public async Task A_very_long_name_is_shortened_to_fit_the_file_system_and_keeps_its_extension()
    {
        // 104 characters pass SafeName's 120-character bound but are 204 bytes in UTF-8.
        var name = string.Concat(Enumerable.Repeat("Ü", 100)) + ".pdf";

        var id = await Attachments.SaveAsync("ws", "email:m1", Attachment(name), CancellationToken.None);

        var stored = (await Attachments.FindStoredAsync("ws", id, CancellationToken.None)).ShouldNotBeNull();
        stored.Name.ShouldEndWith(".pdf");
        Encoding.UTF8.GetByteCount(stored.Name).ShouldBeLessThanOrEqualTo(180);
        File.Exists(Attachments.FullPath(stored.RelativePath!)).ShouldBeTrue();
    }

    [Fact]
    public void A_relative_path_outside_the_root_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => Attachments.FullPath("../opshelm.db"));
    }
}
