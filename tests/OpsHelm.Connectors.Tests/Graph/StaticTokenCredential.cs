using Azure.Core;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>A credential handing out a fixed token: Entra's token endpoint is off the machine, the fake Graph checks this token.</summary>
public sealed class StaticTokenCredential(string token) : TokenCredential
{
    public int Requests { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests++;
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
