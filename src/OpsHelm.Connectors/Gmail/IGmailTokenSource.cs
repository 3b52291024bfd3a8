namespace OpsHelm.Connectors.Gmail;

/// <summary>Bearer tokens for the Gmail API, per mailbox (a delegated service account acts as each mailbox in turn).</summary>
public interface IGmailTokenSource
{
    /// <summary>A current access token for <paramref name="mailbox"/>; throws when the credential is refused.</summary>
    Task<string> GetAccessTokenAsync(string mailbox, CancellationToken cancellationToken);
}
