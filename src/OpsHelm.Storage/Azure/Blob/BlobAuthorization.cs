using System.Net.Http.Headers;
using Azure.Core;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>How requests to the Blob service are authorized: a Shared Key signature, or an Entra ID bearer token.</summary>
internal abstract class BlobAuthorization
{
    /// <summary>Authorizes a request whose other headers are final.</summary>
    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Shared Key (Azurite, keyed accounts).</summary>
    public sealed class SharedKey(SharedKeySigner signer) : BlobAuthorization
    {
        /// <summary>The signer, also used for service SAS links.</summary>
        public SharedKeySigner Signer => signer;

        public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            signer.Sign(request);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Entra ID: a bearer token for <c>https://storage.azure.com/.default</c> (credentials cache tokens themselves).</summary>
    public sealed class Bearer(TokenCredential credential) : BlobAuthorization
    {
        private static readonly TokenRequestContext Scope = new(["https://storage.azure.com/.default"]);

        public override async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = await credential.GetTokenAsync(Scope, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        }
    }
}
