using System.Text;
using System.Text.Json;
using Azure.Core;

namespace OpsHelm.Storage.Tests.Emulators;

/// <summary>
/// An Entra ID stand-in for Azurite's <c>--oauth basic</c>: a JWT with no signature (Azurite checks only the claims) for
/// <c>aud=https://storage.azure.com</c>, an Entra issuer, a tenant and an object id (the user-delegation key signs them in).
/// Counts the tokens it hands out.
/// </summary>
public sealed class UnsignedStorageToken(TimeProvider time) : TokenCredential
{
    /// <summary>The tenant in every token.</summary>
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private int _issued;

    /// <summary>Tokens handed out so far.</summary>
    public int Issued => Volatile.Read(ref _issued);

    /// <summary>The scopes of the last request.</summary>
    public IReadOnlyList<string> LastScopes { get; private set; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _issued);
        LastScopes = requestContext.Scopes;
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["oid"] = "11059fcc-5514-4800-b5f8-49808b9cfab6",
            ["tid"] = TenantId,
        };
        var token = Segment(new { alg = "none", typ = "JWT" }) + "." + Segment(claims) + ".";
        return new AccessToken(token, now.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Segment(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
