using Microsoft.IdentityModel.Tokens;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// Google's token signing keys from its JWKS URL, kept for a while and fetched again when they are old or a token
/// names a key id we do not have (Google rotates keys) — but not more than once a minute, so forged kids cannot make us hammer the URL.
/// </summary>
internal sealed class GoogleSigningKeys(HttpClient http, Uri jwksUrl, TimeSpan lifetime, TimeProvider time)
{
    private const long MaxJwksBytes = 256 * 1024;
    private static readonly TimeSpan MinRefetch = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IList<SecurityKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>The current keys; fetched again when stale or when <paramref name="kid"/> is unknown.</summary>
    public async Task<IList<SecurityKey>> GetAsync(string? kid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!NeedsFetch(kid, now))
        {
            return _keys;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (NeedsFetch(kid, now))
            {
                using var response = await http.GetAsync(jwksUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                var json = System.Text.Encoding.UTF8.GetString(await BoundedContent.ReadAsync(response.Content, MaxJwksBytes, cancellationToken));
                _keys = new JsonWebKeySet(json).GetSigningKeys();
                _fetchedAt = now;
            }
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool NeedsFetch(string? kid, DateTimeOffset now)
    {
        if (now - _fetchedAt >= lifetime)
        {
            return true;
        }
        var unknown = kid is not null && !_keys.Any(k => k.KeyId == kid);
        return unknown && now - _fetchedAt >= MinRefetch;
    }
}
