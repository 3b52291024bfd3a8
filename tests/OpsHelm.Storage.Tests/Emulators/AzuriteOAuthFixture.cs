using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;

namespace OpsHelm.Storage.Tests.Emulators;

/// <summary>
/// An Azurite Blob service speaking Entra ID: <c>--oauth basic</c> over HTTPS with a self-signed certificate made here for
/// 127.0.0.1 (System.Security.Cryptography; no openssl). Clients trust exactly that certificate, through
/// <see cref="Transport"/> (the SDK) or <see cref="CreateHttpClient"/> (a browser's stand-in).
/// </summary>
public sealed class AzuriteOAuthFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "opshelm-azurite-" + Guid.NewGuid().ToString("n")[..8]);
    private X509Certificate2? _certificate;
    private EmulatorProcess? _azurite;

    /// <summary>The Blob endpoint including the account path (https).</summary>
    public Uri BlobEndpoint => new(_azurite!.Endpoint, "/" + EmulatorsFixture.AccountName);

    /// <summary>An SDK transport that trusts the emulator's certificate and no other.</summary>
    public HttpPipelineTransport Transport => new HttpClientTransport(Handler());

    /// <summary>An HTTP client that trusts the emulator's certificate and no other.</summary>
    public HttpClient CreateHttpClient() => new(Handler());

    public async Task InitializeAsync()
    {
        EmulatorsFixture.Install(RepositoryRoot.Path);
        Directory.CreateDirectory(_directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        var certPath = Path.Combine(_directory, "cert.pem");
        var keyPath = Path.Combine(_directory, "key.pem");
        await File.WriteAllTextAsync(certPath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        _azurite = await EmulatorProcess.StartAsync(EmulatorsFixture.Directory, "azurite", TimeSpan.FromSeconds(60),
            options: ["--oauth", "basic", "--cert", certPath, "--key", keyPath]);
    }

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        _certificate?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private SocketsHttpHandler Handler()
    {
        var thumbprint = _certificate!.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
            },
        };
    }
}
