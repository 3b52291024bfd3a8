using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpsHelm.Connectors.Tests.Doubles;

namespace OpsHelm.Connectors.Tests.WhatsApp;

/// <summary>
/// The Graph API media endpoints on loopback: <c>GET /v21.0/{media-id}</c> answers
/// <c>{"messaging_product","url","mime_type","sha256","file_size","id"}</c>, and the URL serves the bytes; both need the bearer token.
/// </summary>
internal sealed class FakeMetaGraphServer : IAsyncDisposable
{
    public const string AccessToken = "fake-whatsapp-system-user-token";
    private readonly ConcurrentDictionary<string, (string MimeType, byte[] Bytes)> _media = new();

    public LoopbackServer Server { get; private set; } = null!;
    public Uri GraphBaseUrl => new(Server.BaseUrl, "v21.0/");

    public static async Task<FakeMetaGraphServer> StartAsync()
    {
        var fake = new FakeMetaGraphServer();
        fake.Server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public void AddMedia(string mediaId, string mimeType, byte[] bytes) => _media[mediaId] = (mimeType, bytes);

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            await Json(context, 401, """{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190,"fbtrace_id":"A1"}}""");
            return;
        }
        if (path.StartsWith("/v21.0/", StringComparison.Ordinal) && _media.TryGetValue(path["/v21.0/".Length..], out var media))
        {
            var id = path["/v21.0/".Length..];
            await Json(context, 200, new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["url"] = new Uri(Server.BaseUrl, $"whatsapp_business/attachments/?mid={id}&ext=1749416999&hash=ATs").AbsoluteUri,
                ["mime_type"] = media.MimeType,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(media.Bytes)),
                ["file_size"] = media.Bytes.Length.ToString(CultureInfo.InvariantCulture),
                ["id"] = id,
            }.ToJsonString());
            return;
        }
        if (path == "/whatsapp_business/attachments/" && _media.TryGetValue(context.Request.Query["mid"].ToString(), out var download))
        {
            context.Response.ContentType = download.MimeType;
            await context.Response.Body.WriteAsync(download.Bytes);
            return;
        }
        await Json(context, 404, """{"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100,"fbtrace_id":"A2"}}""");
    }

    private static async Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }
}
