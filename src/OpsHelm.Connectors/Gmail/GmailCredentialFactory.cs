using System.Collections.Concurrent;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// Google credentials for the Gmail API: a user's refresh token (<see cref="UserCredential"/> over Google's authorization-code flow, refreshed by the library
/// before it expires) or a service account acting as each mailbox through domain-wide delegation
/// (<see cref="ServiceAccountCredential"/> with <c>User</c> = the mailbox). One credential per mailbox is kept, so tokens are reused.
/// </summary>
public sealed class GmailCredentialFactory : IGmailTokenSource
{
    private readonly GmailCredentialOptions _options;
    private readonly ConcurrentDictionary<string, ITokenAccess> _credentials = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates <paramref name="options"/> and keeps them.</summary>
    public GmailCredentialFactory(GmailCredentialOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>The credential that reads <paramref name="mailbox"/>.</summary>
    public ITokenAccess Create(string mailbox)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        if (_options.IsServiceAccount)
        {
            var initializer = new ServiceAccountCredential.Initializer(_options.ServiceAccountEmail, _options.TokenServerUrl.AbsoluteUri)
            {
                User = mailbox,
                Scopes = _options.Scopes,
            };
            return new ServiceAccountCredential(initializer.FromPrivateKey(_options.PrivateKey));
        }
        var flow = new AuthorizationCodeFlow(new AuthorizationCodeFlow.Initializer(GoogleAuthConsts.OidcAuthorizationUrl, _options.TokenServerUrl.AbsoluteUri)
        {
            ClientSecrets = new ClientSecrets { ClientId = _options.ClientId, ClientSecret = _options.ClientSecret },
            Scopes = _options.Scopes,
        });
        // No access token yet: the first request refreshes one from the refresh token.
        return new UserCredential(flow, mailbox, new TokenResponse { RefreshToken = _options.RefreshToken });
    }

    /// <inheritdoc />
    public Task<string> GetAccessTokenAsync(string mailbox, CancellationToken cancellationToken) =>
        _credentials.GetOrAdd(mailbox, Create).GetAccessTokenForRequestAsync(null, cancellationToken);
}
