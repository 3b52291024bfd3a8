using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;

namespace OpsHelm.Connectors.Graph;

/// <summary>Builds the Azure.Identity credential the options ask for: client secret, certificate or managed identity.</summary>
public static class GraphCredentialFactory
{
    /// <summary>The credential of <paramref name="options"/>; throws <see cref="ArgumentException"/> naming what is missing.</summary>
    public static TokenCredential Create(GraphCredentialOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Graph credential settings are invalid: " + string.Join("; ", problems), nameof(options));
        }
        return options.Kind switch
        {
            GraphCredentialKind.ClientSecret => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret),
            GraphCredentialKind.Certificate => new ClientCertificateCredential(options.TenantId, options.ClientId, LoadCertificate(options)),
            _ => new ManagedIdentityCredential(string.IsNullOrWhiteSpace(options.ClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(options.ClientId)),
        };
    }

    private static X509Certificate2 LoadCertificate(GraphCredentialOptions options)
    {
        var path = options.CertificatePath!;
        if (!File.Exists(path))
        {
            throw new ArgumentException($"Credential.CertificatePath names no file: {path}", nameof(options));
        }
        return path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
    }
}
