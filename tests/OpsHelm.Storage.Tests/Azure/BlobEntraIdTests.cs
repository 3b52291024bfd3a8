using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using OpsHelm.Core.Messages;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>
/// Entra ID mode against Azurite with <c>--oauth basic</c> over HTTPS: bearer tokens for https://storage.azure.com, and read
/// links that are user-delegation SAS links (signed with a key Azurite hands out for the token's identity).
/// </summary>
public sealed class BlobEntraIdTests(AzuriteOAuthFixture azurite) : IClassFixture<AzuriteOAuthFixture>
{
    private readonly UnsignedStorageToken _token = new(TimeProvider.System);

    private async Task<BlobAttachmentStore> OpenAsync(string? container = null) => await BlobAttachmentStore.OpenAsync(new BlobStoreOptions
    {
        Endpoint = azurite.BlobEndpoint,
        AccountName = EmulatorsFixture.AccountName,
        Container = container ?? "c" + Guid.NewGuid().ToString("n")[..16],
        CreateContainerAtStartup = true,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    }, TimeProvider.System, _token, o => o.Transport = azurite.Transport, CancellationToken.None);

    [Fact]
    public async Task Attachments_are_written_and_read_with_bearer_tokens_for_storage()
    {
        using var store = await OpenAsync();
        var content = Encoding.UTF8.GetBytes("quarterly numbers");

        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "q3.txt", Content = content }, CancellationToken.None);

        (await store.ReadAsync("ws", id, CancellationToken.None)).ShouldBe(content);
        _token.Issued.ShouldBeGreaterThan(0);
        _token.LastScopes.ShouldBe(["https://storage.azure.com/.default"]);
    }

    [Fact]
    public async Task A_read_link_is_a_user_delegation_SAS_that_downloads_is_read_only_and_expires()
    {
        using var store = await OpenAsync();
        var content = Encoding.UTF8.GetBytes("<svg onload=alert(1)></svg>");
        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "logo.svg", ContentType = "image/svg+xml", Content = content }, CancellationToken.None);
        using var http = azurite.CreateHttpClient();

        var link = (await store.CreateReadLinkAsync("ws", id, TimeSpan.FromSeconds(2), CancellationToken.None))!;

        link.Scheme.ShouldBe(Uri.UriSchemeHttps);
        link.Query.ShouldContain("skoid=", Case.Sensitive, "signed with a user-delegation key, not an account key");
        link.Query.ShouldContain("sp=r&");
        using var fresh = await http.GetAsync(link);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fresh.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        fresh.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        using var overwrite = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent([1]) };
        overwrite.Headers.Add("x-ms-blob-type", "BlockBlob");
        (await http.SendAsync(overwrite)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await http.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task One_user_delegation_key_serves_many_links()
    {
        using var store = await OpenAsync();
        var id = await store.SaveAsync("ws", "email:m1", new InboundAttachment { Name = "a.txt", Content = [1] }, CancellationToken.None);
        await store.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(5), CancellationToken.None);
        var before = store.RequestsSent;

        for (var i = 0; i < 3; i++)
        {
            await store.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(5), CancellationToken.None);
        }

        (store.RequestsSent - before).ShouldBe(3, "one HEAD per link; the key is fetched once");
    }
}
