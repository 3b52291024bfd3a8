using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsHelm.Storage.Azure.Blob;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>
/// Entra ID mode against a loopback server speaking the Blob service's documented wire format (Azurite offers Get User
/// Delegation Key only over HTTPS with OAuth): bearer tokens on every request, the API version, and user-delegation SAS links.
/// </summary>
public sealed class BlobBearerTokenTests : IAsyncLifetime
{
    private const string DelegationKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private readonly ConcurrentQueue<(string Method, string PathAndQuery, string? Authorization, string? Version)> _requests = new();
    private WebApplication? _server;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(async context =>
        {
            var request = context.Request;
            _requests.Enqueue((request.Method, request.Path + request.QueryString, request.Headers.Authorization.ToString(), request.Headers["x-ms-version"].ToString()));
            if (request.Method == "POST" && request.Query["comp"] == "userdelegationkey")
            {
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><UserDelegationKey><SignedOid>oid-1</SignedOid><SignedTid>tid-1</SignedTid>" +
                    "<SignedStart>2026-11-20T08:55:00Z</SignedStart><SignedExpiry>2026-11-21T09:00:00Z</SignedExpiry><SignedService>b</SignedService>" +
                    $"<SignedVersion>2024-11-04</SignedVersion><Value>{DelegationKey}</Value></UserDelegationKey>");
                return;
            }
            if (request.Method == "HEAD")
            {
                context.Response.Headers["x-ms-meta-contentknown"] = "true";
                context.Response.Headers["x-ms-meta-sha256"] = new string('0', 64);
                context.Response.ContentLength = 3;
                return;
            }
            context.Response.StatusCode = 404;
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _endpoint = new Uri(address.TrimEnd('/') + "/acct");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_a_key_requests_carry_a_bearer_token_and_links_are_user_delegation_SAS_signed_with_the_delegation_key()
    {
        var time = new FakeTimeProvider();
        using var store = await BlobAttachmentStore.OpenAsync(
            new BlobStoreOptions { Endpoint = _endpoint, AccountName = "acct", Container = "attachments" }, time, new StaticToken("token-123"), CancellationToken.None);
        var id = BlobNames.Id("email:m1", "a.txt");

        var link = (await store.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(10), CancellationToken.None))!;
        await store.CreateReadLinkAsync("ws", id, TimeSpan.FromMinutes(10), CancellationToken.None);

        _requests.ShouldAllBe(r => r.Authorization == "Bearer token-123" && string.CompareOrdinal(r.Version, "2020-04-08") >= 0);
        _requests.Count(r => r.Method == "POST").ShouldBe(1, "one delegation key serves many links");
        var query = HttpUtility.ParseQueryString(link.Query);
        query["skoid"].ShouldBe("oid-1");
        query["sktid"].ShouldBe("tid-1");
        query["sp"].ShouldBe("r");
        query["se"].ShouldBe("2026-11-20T09:10:00Z");
        var expected = string.Join('\n', "r", "", "2026-11-20T09:10:00Z", "/blob/acct/attachments/ws/email:m1/a.txt",
            "oid-1", "tid-1", "2026-11-20T08:55:00Z", "2026-11-21T09:00:00Z", "b", "2024-11-04", "", "", "", "", "https,http", "2024-11-04", "b", "", "",
            "", "attachment; filename=\"a.txt\"", "", "", "");
        query["sig"].ShouldBe(Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(DelegationKey), Encoding.UTF8.GetBytes(expected))));
    }

    private sealed class StaticToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(requestContext.Scopes.Single() == "https://storage.azure.com/.default" ? token : "wrong-scope", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
