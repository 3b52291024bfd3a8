using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpsHelm.Core.Messages;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>The Blob adapter against Azurite: Shared Key requests, block uploads, hash checks, SAS links and retries.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class BlobAttachmentStoreTests(EmulatorsFixture emulators) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    // SAS expiry is checked by Azurite against its own clock: the store's clock is the real one here.
    private readonly TimeProvider _time = TimeProvider.System;

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private async Task<BlobAttachmentStore> OpenAsync(BlobStoreOptions options, HttpMessageHandler? handler = null)
    {
        var store = await BlobAttachmentStore.OpenAsync(options, _time, null, handler ?? new SocketsHttpHandler(), CancellationToken.None);
        _owned.Add(store);
        return store;
    }

    private static InboundAttachment Bytes(string name, byte[] content) => new() { Name = name, ContentType = "application/pdf", Content = content, Size = content.Length };

    [Fact]
    public async Task A_large_attachment_goes_up_in_blocks_and_comes_back_whole()
    {
        var store = await OpenAsync(emulators.Blob() with { SingleUploadLimit = 64 * 1024, BlockSize = 16 * 1024 });
        var content = RandomNumberGenerator.GetBytes(100 * 1024 + 7);
        var before = store.RequestsSent;

        var id = await store.SaveAsync("ws", "email:m1", Bytes("scan.pdf", content), CancellationToken.None);

        (store.RequestsSent - before).ShouldBe(1 + 7 + 1, "one HEAD, seven Put Block, one Put Block List");
        (await store.ReadAsync("ws", id, CancellationToken.None)).ShouldBe(content);
        (await store.FindAsync("ws", id, CancellationToken.None))!.Size.ShouldBe(content.Length);
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
        var metadata = new Dictionary<string, string> { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("the real contract"))), ["contentknown"] = "true" };
        var raw = new BlobRestClient(new HttpClient(), options, new BlobAuthorization.SharedKey(new SharedKeySigner(options.AccountName, options.AccountKey!)), _time);

        await raw.PutBlobAsync("ws/email:m1/contract.pdf", Encoding.UTF8.GetBytes("a forged contract"), "application/pdf", metadata, CancellationToken.None);

        var error = await Should.ThrowAsync<InvalidDataException>(() => store.ReadAsync("ws", id, CancellationToken.None));
        error.Message.ShouldContain("does not match its stored hash");
    }

    [Fact]
    public async Task A_read_link_downloads_the_bytes_and_Azurite_refuses_it_once_expired()
    {
        var store = await OpenAsync(emulators.Blob());
        var content = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "page.html", ContentType = "text/html", Content = content }, CancellationToken.None);
        using var http = new HttpClient();

        var link = (await store.CreateReadLinkAsync("ws", id, TimeSpan.FromSeconds(1), CancellationToken.None))!;
        using var fresh = await http.GetAsync(link);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fresh.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        fresh.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment", "a browser must download, never render, an attachment");
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        using var expired = await http.GetAsync(link);
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
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
    public async Task A_forged_signature_is_refused()
    {
        var store = await OpenAsync(emulators.Blob());
        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "a.txt", Content = [1] }, CancellationToken.None);
        var link = (await store.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(5), CancellationToken.None))!.ToString();
        var signature = link[(link.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        using var http = new HttpClient();

        using var response = await http.GetAsync(link.Replace(signature, Uri.EscapeDataString(Convert.ToBase64String(new byte[32])), StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_request_succeeds()
    {
        var failing = new FailingWrites(r => r.Method == HttpMethod.Put) { Armed = true, InnerHandler = new SocketsHttpHandler() };
        var flaky = new FlakyHandler(failing, failures: 2);
        var store = await OpenAsync(emulators.Blob() with { CreateContainerAtStartup = false, MaxRetries = 3 }, flaky);
        await store.CreateContainerAsync(CancellationToken.None);

        var id = await store.SaveAsync("ws", "email:m1", Bytes("a.pdf", [1, 2, 3]), CancellationToken.None);

        failing.Failed.ShouldBe(2);
        (await store.ReadAsync("ws", id, CancellationToken.None)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_and_the_error_never_shows_a_key()
    {
        var options = emulators.Blob() with { AccountKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) };

        var error = await Should.ThrowAsync<HttpRequestException>(() => OpenAsync(options));

        error.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.Message.ShouldNotContain(options.AccountKey!);
        error.Message.ShouldNotContain(EmulatorsFixture.AccountKey);
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
