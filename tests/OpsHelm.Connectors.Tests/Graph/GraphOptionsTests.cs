using Azure.Identity;
using OpsHelm.Connectors.Graph;

namespace OpsHelm.Connectors.Tests.Graph;

public sealed class GraphOptionsTests
{
    [Fact]
    public void The_credential_factory_builds_the_credential_the_settings_name()
    {
        GraphCredentialFactory.Create(new GraphCredentialOptions { Kind = GraphCredentialKind.ClientSecret, TenantId = "t", ClientId = "c", ClientSecret = "s" })
            .ShouldBeOfType<ClientSecretCredential>();
        GraphCredentialFactory.Create(new GraphCredentialOptions { Kind = GraphCredentialKind.ManagedIdentity })
            .ShouldBeOfType<ManagedIdentityCredential>();
        GraphCredentialFactory.Create(new GraphCredentialOptions { Kind = GraphCredentialKind.ManagedIdentity, ClientId = "user-assigned" })
            .ShouldBeOfType<ManagedIdentityCredential>();
    }

    [Fact]
    public void A_certificate_credential_is_loaded_from_its_file()
    {
        using var directory = new TempDirectory();
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=opshelm-test", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = System.IO.Path.Combine(directory.Path, "app.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pw"));

        GraphCredentialFactory.Create(new GraphCredentialOptions { Kind = GraphCredentialKind.Certificate, TenantId = "t", ClientId = "c", CertificatePath = path, CertificatePassword = "pw" })
            .ShouldBeOfType<ClientCertificateCredential>();
    }

    [Fact]
    public void Missing_credential_settings_are_named_and_the_secret_is_not_echoed()
    {
        var ex = Should.Throw<ArgumentException>(() =>
            GraphCredentialFactory.Create(new GraphCredentialOptions { Kind = GraphCredentialKind.ClientSecret, ClientId = "c", ClientSecret = "" }));

        ex.Message.ShouldContain("Credential.TenantId is required for ClientSecret");
        ex.Message.ShouldContain("Credential.ClientSecret is required for ClientSecret");
        var certificate = new GraphCredentialOptions { Kind = GraphCredentialKind.Certificate, TenantId = "t", ClientId = "c", CertificatePassword = "hunter2" }.Validate();
        certificate.ShouldHaveSingleItem().ShouldBe("Credential.CertificatePath is required for Certificate");
    }

    [Fact]
    public void Graph_options_name_every_wrong_setting()
    {
        var options = new GraphOptions { BaseUrl = "http://graph.example.com/v1.0" };
        options.Mail.PageSize = 0;
        options.Retry.MaxRetryAttempts = 50;
        options.Calendar.UpcomingDays = -1;

        var ex = Should.Throw<InvalidOperationException>(options.EnsureValid);

        ex.Message.ShouldContain("BaseUrl must be an absolute https URL");
        ex.Message.ShouldContain("Mail.PageSize must be between 1 and 1000");
        ex.Message.ShouldContain("Retry.MaxRetryAttempts must be between 0 and 10");
        ex.Message.ShouldContain("Calendar.UpcomingDays must be between 0 and 366");
        new GraphOptions().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void The_SDK_retry_handler_is_replaced_by_the_Polly_handler()
    {
        // One retry policy only: with both, a throttled call would be retried (SDK attempts) x (Polly attempts) times.
        var handlers = Microsoft.Graph.GraphClientFactory.CreateDefaultHandlers();
        handlers.ShouldContain(h => h is Microsoft.Kiota.Http.HttpClientLibrary.Middleware.RetryHandler);
        using var client = GraphClientBuilder.Create(new GraphOptions(), new StaticTokenCredential("t"), TimeProvider.System);
        var field = typeof(Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter)
            .GetField("client", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var http = (HttpClient)field.GetValue(client.RequestAdapter)!;
        var pipeline = new List<HttpMessageHandler>();
        HttpMessageHandler? handler = (HttpMessageHandler?)typeof(HttpMessageInvoker)
            .GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(http);
        while (handler is not null)
        {
            pipeline.Add(handler);
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }
        pipeline.ShouldContain(h => h is Microsoft.Extensions.Http.Resilience.ResilienceHandler);
        pipeline.ShouldNotContain(h => h is Microsoft.Kiota.Http.HttpClientLibrary.Middleware.RetryHandler);
    }
}
