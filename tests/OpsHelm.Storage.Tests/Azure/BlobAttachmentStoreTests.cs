using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using OpsHelm.Core.Messages;
using OpsHelm.Storage.Azure;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>The Blob adapter with the account key against Azurite: streamed block uploads, hash checks, write-once names, service SAS links.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class BlobAttachmentStoreTests(EmulatorsFixture emulators) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    // SAS expiry is checked by Azurite against its own clock: the store's clock is the real one here.
    private readonly TimeProvider _time = TimeProvider.System;

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private async Task<BlobAttachmentStore> OpenAsync(BlobStoreOptions options, Action<BlobClientOptions>? configure = null)
    {
        var store = await BlobAttachmentStore.OpenAsync(options, _time, null, configure, CancellationToken.None);
        _owned.Add(store);
        return store;
    }

    private static BlobContainerClient Raw(BlobStoreOptions options) =>
        new(new Uri(options.Endpoint!.AbsoluteUri.TrimEnd('/') + "/" + options.Container), new StorageSharedKeyCredential(options.AccountName, options.AccountKey!));

    private static InboundAttachment Bytes(string name, byte[] content) => new() { Name = name, ContentType = "application/pdf", Content = content, Size = content.Length };

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    [Fact]
    public async Task A_10_MB_attachment_is_streamed_up_in_blocks_and_read_back_with_a_matching_hash()
    {
        var options = emulators.Blob() with { SingleUploadLimit = 1024 * 1024, BlockSize = 1024 * 1024 };
        var store = await OpenAsync(options);
        var content = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);

        var id = await store.SaveAsync("ws", "email:m1", Bytes("scan.pdf", content), CancellationToken.None);

        var blob = Raw(options).GetBlockBlobClient("ws/email:m1/scan.pdf");
        var blocks = (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value;
        blocks.CommittedBlocks.Count().ShouldBe(10, "1 MiB blocks, never the whole file in one request");
        (await blob.GetPropertiesAsync()).Value.ContentHash.ShouldBe(MD5.HashData(content), "the whole content's MD5 is kept with the blob");
        var info = await store.FindAsync("ws", id, CancellationToken.None);
        info!.Sha256.ShouldBe(Sha256(content));
        info.Size.ShouldBe(content.Length);
        var read = await store.ReadAsync("ws", id, CancellationToken.None);
        Sha256(read!).ShouldBe(Sha256(content));
    }

    [Fact]
    public async Task The_same_attachment_saved_twice_is_written_once()
    {
        var options = emulators.Blob();
        var store = await OpenAsync(options);
        var content = Encoding.UTF8.GetBytes("the signed contract");
        var first = await store.SaveAsync("ws", "email:m1", Bytes("contract.pdf", content), CancellationToken.None);
        var written = (await Raw(options).GetBlobClient("ws/email:m1/contract.pdf").GetPropertiesAsync()).Value;
        var before = store.RequestsSent;

        var again = await store.SaveAsync("ws", "email:m1", Bytes("contract.pdf", content), CancellationToken.None);

        again.ShouldBe(first);
        (store.RequestsSent - before).ShouldBe(1, "one HEAD finds the same content there; nothing is uploaded");
        var after = (await Raw(options).GetBlobClient("ws/email:m1/contract.pdf").GetPropertiesAsync()).Value;
        after.ETag.ShouldBe(written.ETag);
        after.LastModified.ShouldBe(written.LastModified);
    }

    [Fact]
    public async Task Two_writers_racing_on_the_same_attachment_leave_one_blob_and_the_same_id()
    {
        var options = emulators.Blob();
        var a = await OpenAsync(options);
        var b = await OpenAsync(options with { CreateContainerAtStartup = false });
        var content = RandomNumberGenerator.GetBytes(64 * 1024);

        var ids = await Task.WhenAll(
            a.SaveAsync("ws", "email:m1", Bytes("report.pdf", content), CancellationToken.None),
            b.SaveAsync("ws", "email:m1", Bytes("report.pdf", content), CancellationToken.None));

        ids[0].ShouldBe(ids[1]);
        var blobs = await Raw(options).GetBlobsAsync().ToListAsync();
        blobs.ShouldHaveSingleItem().Name.ShouldBe("ws/email:m1/report.pdf");
    }

    [Fact]
    public async Task A_blob_that_appears_between_the_check_and_the_upload_is_never_overwritten()
    {
        var options = emulators.Blob();
        var planted = Encoding.UTF8.GetBytes("another writer's bytes");
        var raw = Raw(options);
        var plant = new OnceBefore(r => r.Method == RequestMethod.Put && r.Uri.Path.EndsWith("/notes.txt", StringComparison.Ordinal),
            () => raw.GetBlobClient("ws/email:m1/notes.txt").UploadAsync(new BinaryData(planted)));
        var store = await OpenAsync(options, o => o.AddPolicy(plant, HttpPipelinePosition.PerCall));

        var error = await Should.ThrowAsync<RequestFailedException>(() =>
            store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "notes.txt", Content = Encoding.UTF8.GetBytes("mine") }, CancellationToken.None));

        error.Status.ShouldBe((int)HttpStatusCode.Conflict, "If-None-Match: * refused the upload");
        (await raw.GetBlobClient("ws/email:m1/notes.txt").DownloadContentAsync()).Value.Content.ToArray().ShouldBe(planted);
    }

    [Fact]
    public async Task Names_with_dot_dot_unicode_and_a_thousand_characters_stay_inside_the_container_under_their_workspace()
    {
        var options = emulators.Blob();
        var store = await OpenAsync(options);
        string[] names = ["../../../etc/passwd", "..\\..\\windows\\system32\\config.sys", "отчёт-报告-ü.pdf", new string('a', 1000) + ".pdf", "..", "/"];
        string[] events = ["email:../../other-ws/m", "email:сообщение-消息", "email:" + new string('m', 1000)];
        var saved = new List<(string Id, byte[] Content)>();

        foreach (var name in names)
        {
            foreach (var eventKey in events)
            {
                var content = RandomNumberGenerator.GetBytes(16);
                saved.Add((await store.SaveAsync("../ws", eventKey, Bytes(name, content), CancellationToken.None), content));
            }
        }

        var blobs = await Raw(options).GetBlobsAsync().Select(b => b.Name).ToListAsync();
        blobs.Count.ShouldBe(names.Length * events.Length);
        var workspace = BlobNames.Segment("../ws");
        blobs.ShouldAllBe(n => n.StartsWith(workspace + "/", StringComparison.Ordinal) && n.Split('/', StringSplitOptions.None).Length == 3);
        blobs.ShouldAllBe(n => !n.Split('/', StringSplitOptions.None).Any(s => s == ".." || s == "." || s.Length == 0) && n.Length <= 1024);
        blobs.ShouldAllBe(n => n.All(c => c < 128), "names are plain ASCII whatever was sent");
        var containers = new BlobServiceClient(options.Endpoint!, new StorageSharedKeyCredential(options.AccountName, options.AccountKey!)).GetBlobContainersAsync();
        (await containers.Select(c => c.Name).ToListAsync()).ShouldNotContain(c => c == "etc" || c == "other-ws" || c == "windows");
        foreach (var (id, content) in saved)
        {
            (await store.ReadAsync("../ws", id, CancellationToken.None)).ShouldBe(content);
            (await store.ReadAsync("ws", id, CancellationToken.None)).ShouldBeNull("another workspace never reaches it");
        }
    }

    [Fact]
    public async Task An_attachment_over_the_size_limit_is_refused_before_any_upload()
    {
        var store = await OpenAsync(emulators.Blob() with { MaxAttachmentBytes = 1000 });
        var before = store.RequestsSent;

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.SaveAsync("ws", "email:m1", Bytes("big.pdf", new byte[1001]), CancellationToken.None));

        error.Message.ShouldContain("1001 bytes, over the 1000-byte limit");
        store.RequestsSent.ShouldBe(before);
    }

    [Fact]
    public async Task Bytes_changed_behind_the_stores_back_fail_the_hash_check_on_read()
    {
        var options = emulators.Blob();
        var store = await OpenAsync(options);
        var id = await store.SaveAsync("ws", "email:m1", Bytes("contract.pdf", Encoding.UTF8.GetBytes("the real contract")), CancellationToken.None);
        var blob = Raw(options).GetBlobClient("ws/email:m1/contract.pdf");
        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;

        await blob.UploadAsync(new BinaryData("a forged contract"), new BlobUploadOptions { Metadata = metadata });

        var error = await Should.ThrowAsync<InvalidDataException>(() => store.ReadAsync("ws", id, CancellationToken.None));
        error.Message.ShouldContain("does not match its stored hash");
    }

    [Fact]
    public async Task A_read_link_downloads_as_an_attachment_is_read_only_and_is_refused_once_expired()
    {
        var store = await OpenAsync(emulators.Blob());
        var content = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "page.html", ContentType = "text/html", Content = content }, CancellationToken.None);
        using var http = new HttpClient();

        var link = (await store.CreateReadLinkAsync("ws", id, TimeSpan.FromSeconds(2), CancellationToken.None))!;

        link.Query.ShouldContain("sp=r&");
        link.Query.ShouldNotContain("skoid=", Case.Sensitive, "with the account key the link is a service SAS");
        using var fresh = await http.GetAsync(link);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fresh.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        fresh.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment", "a browser must download, never render, an attachment");
        using var overwrite = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent([1]) };
        overwrite.Headers.Add("x-ms-blob-type", "BlockBlob");
        (await http.SendAsync(overwrite)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var expired = await http.GetAsync(link);
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_read_link_longer_than_five_minutes_is_refused()
    {
        var store = await OpenAsync(emulators.Blob());
        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "a.txt", Content = [1] }, CancellationToken.None);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(5.5), CancellationToken.None));
    }

    [Theory]
    [InlineData("sp=r", "sp=rw")]
    [InlineData("sr=b", "sr=c")]
    [InlineData("page.html", "other.html")]
    public async Task A_tampered_read_link_is_refused_by_Azurite(string original, string tampered)
    {
        var store = await OpenAsync(emulators.Blob());
        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "page.html", Content = [1, 2, 3] }, CancellationToken.None);
        await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "other.html", Content = [4, 5, 6] }, CancellationToken.None);
        var link = (await store.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(5), CancellationToken.None))!.ToString();
        link.ShouldContain(original);
        using var http = new HttpClient();

        using var response = await http.GetAsync(link.Replace(original, tampered, StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await http.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_request_succeeds()
    {
        var failing = new FailingWrites(r => r.Method == HttpMethod.Put) { Armed = true, InnerHandler = new SocketsHttpHandler() };
        var flaky = new FlakyHandler(failing, failures: 2);
        var store = await OpenAsync(emulators.Blob() with { CreateContainerAtStartup = false, MaxRetries = 3 },
            o => o.Transport = new HttpClientTransport(new HttpClient(flaky)));
        await store.CreateContainerAsync(CancellationToken.None);

        var id = await store.SaveAsync("ws", "email:m1", Bytes("a.pdf", [1, 2, 3]), CancellationToken.None);

        failing.Failed.ShouldBe(2);
        (await store.ReadAsync("ws", id, CancellationToken.None)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_and_the_error_never_shows_a_key()
    {
        var options = emulators.Blob() with { AccountKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) };

        var error = await Should.ThrowAsync<RequestFailedException>(() => OpenAsync(options));

        error.Status.ShouldBe((int)HttpStatusCode.Forbidden);
        error.ToString().ShouldNotContain(options.AccountKey!);
        error.ToString().ShouldNotContain(EmulatorsFixture.AccountKey);
    }

    [Fact]
    public async Task Azurite_stopped_mid_run_is_an_error_naming_the_endpoint()
    {
        var azurite = await EmulatorProcess.StartAsync(EmulatorsFixture.Directory, "azurite", TimeSpan.FromSeconds(60));
        var options = emulators.Blob() with { Endpoint = new Uri(azurite.Endpoint, "/" + EmulatorsFixture.AccountName), MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) };
        var store = await OpenAsync(options);
        await store.SaveAsync("ws", "email:m1", Bytes("a.pdf", [1]), CancellationToken.None);

        azurite.Dispose();
        var error = await Should.ThrowAsync<StorageUnavailableException>(() => store.SaveAsync("ws", "email:m2", Bytes("b.pdf", [2]), CancellationToken.None));

        error.Message.ShouldStartWith($"Blob storage at {options.Endpoint!.AbsoluteUri.TrimEnd('/')} could not be reached while saving an attachment");
    }

    /// <summary>Lets the first <c>failures</c> picked requests fail (503), then disarms.</summary>
    private sealed class FlakyHandler(FailingWrites failing, int failures) : DelegatingHandler(failing)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (failing.Failed >= failures)
            {
                failing.Armed = false;
            }
            return response;
        }
    }
}
