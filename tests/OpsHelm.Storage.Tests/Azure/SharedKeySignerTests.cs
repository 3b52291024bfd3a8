using OpsHelm.Storage.Azure.Blob;

namespace OpsHelm.Storage.Tests.Azure;

public sealed class SharedKeySignerTests
{
    [Fact]
    public void The_string_to_sign_follows_the_documented_layout()
    {
        var signer = new SharedKeySigner("myaccount", Convert.ToBase64String(new byte[32]));
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://myaccount.blob.core.windows.net/mycontainer/a%20b.txt?comp=block&blockid=QUFB")
        {
            Content = new ByteArrayContent([1, 2, 3]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        request.Headers.Add("x-ms-version", "2024-11-04");
        request.Headers.Add("x-ms-date", "Fri, 20 Nov 2026 09:00:00 GMT");
        request.Headers.Add("x-ms-meta-Name", "  two   words ");

        var stringToSign = signer.StringToSign(request);

        stringToSign.ShouldBe(
            "PUT\n\n\n3\n\ntext/plain\n\n\n\n\n\n\n" +
            "x-ms-date:Fri, 20 Nov 2026 09:00:00 GMT\nx-ms-meta-name:two words\nx-ms-version:2024-11-04\n" +
            "/myaccount/mycontainer/a%20b.txt\nblockid:QUFB\ncomp:block");
    }

    [Fact]
    public void An_empty_body_signs_an_empty_content_length()
    {
        var signer = new SharedKeySigner("acct", Convert.ToBase64String(new byte[32]));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://acct.blob.core.windows.net/c/b");

        signer.StringToSign(request).ShouldStartWith("GET\n\n\n\n");
    }
}
