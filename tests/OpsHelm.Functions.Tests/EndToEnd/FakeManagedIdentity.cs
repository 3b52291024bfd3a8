using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsHelm.Functions.Tests.EndToEnd;

/// <summary>
/// The App Service managed identity endpoint on loopback (IDENTITY_ENDPOINT + IDENTITY_HEADER, api-version 2019-08-01), as
/// Azure.Identity's ManagedIdentityCredential calls it: the real credential in the app gets the fake Graph's token from it.
/// </summary>
internal sealed class FakeManagedIdentity : IAsyncDisposable
{
    public const string Secret = "identity-header-secret";

    private readonly WebApplication _app;
    private int _requests;

    private FakeManagedIdentity(WebApplication app) => _app = app;

    /// <summary>The value for IDENTITY_ENDPOINT.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Token requests answered.</summary>
    public int Requests => _requests;

    /// <summary>The resources tokens were asked for.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Resources { get; } = [];

    /// <summary>Tokens for particular resources (e.g. <c>https://servicebus.azure.net</c>); any other resource gets the default token.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> TokensByResource { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeManagedIdentity> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var identity = new FakeManagedIdentity(app);
        app.MapGet("/msi/token", (HttpContext context) =>
        {
            if (context.Request.Headers["X-IDENTITY-HEADER"] != Secret || context.Request.Query["resource"].ToString().Length == 0)
            {
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            }
            Interlocked.Increment(ref identity._requests);
            identity.Resources.Add(context.Request.Query["resource"].ToString());
            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Results.Text(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["access_token"] = identity.TokensByResource.GetValueOrDefault(context.Request.Query["resource"].ToString().TrimEnd('/'), token),
                ["expires_on"] = expires,
                ["resource"] = context.Request.Query["resource"].ToString(),
                ["token_type"] = "Bearer",
                ["client_id"] = "00000000-0000-0000-0000-000000000001",
            }), "application/json");
        });
        await app.StartAsync();
        identity.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/msi/token";
        return identity;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
