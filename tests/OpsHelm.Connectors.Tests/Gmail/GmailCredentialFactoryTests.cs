using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Gmail;

public class GmailCredentialFactoryTests
{
    private static GmailCredentialOptions OAuth(FakeGmailServer fake) => new()
    {
        ClientId = "client-id.apps.googleusercontent.com",
        ClientSecret = "client-secret",
        RefreshToken = "1//refresh-token",
        TokenServerUrl = new Uri(fake.BaseUrl, "token"),
    };

    [Fact]
    public async Task A_refresh_token_is_exchanged_at_the_token_endpoint_and_the_token_reads_the_mailbox()
    {
        await using var gmail = await GmailHarness.StartAsync(tokens: fake => new GmailCredentialFactory(OAuth(fake)));
        gmail.Fake.TokenEndpoint = _ => (200, $$"""{"access_token":"{{FakeGmailServer.AccessToken}}","expires_in":3599,"token_type":"Bearer"}""");
        var start = gmail.Fake.CurrentHistoryId;
        gmail.Fake.AddMessage(new FakeGmailMessage());

        var batches = await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start));
        await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start));

        batches.SelectMany(b => b.Items).Count().ShouldBe(1);
        var form = gmail.Fake.TokenRequests.Single();
        form["grant_type"].ToString().ShouldBe("refresh_token");
        form["refresh_token"].ToString().ShouldBe("1//refresh-token");
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_a_rejected_credential()
    {
        await using var gmail = await GmailHarness.StartAsync(tokens: fake => new GmailCredentialFactory(OAuth(fake)));
        gmail.Fake.TokenEndpoint = _ => (400, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}""");

        var error = await Should.ThrowAsync<GmailApiException>(() => gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(1)));

        error.CredentialRejected.ShouldBeTrue();
        error.Message.ShouldNotContain("1//refresh-token");
        (await gmail.HealthOfMailboxAsync())!.State.ShouldBe(SourceStates.Disconnected);
    }

    [Fact]
    public async Task A_service_account_asserts_itself_as_the_mailbox_through_delegation()
    {
        using var key = RSA.Create(2048);
        await using var gmail = await GmailHarness.StartAsync(tokens: fake => new GmailCredentialFactory(new GmailCredentialOptions
        {
            Mode = "ServiceAccount",
            ServiceAccountEmail = "reader@opshelm.iam.gserviceaccount.com",
            PrivateKey = key.ExportPkcs8PrivateKeyPem(),
            TokenServerUrl = new Uri(fake.BaseUrl, "token"),
        }));
        gmail.Fake.TokenEndpoint = _ => (200, $$"""{"access_token":"{{FakeGmailServer.AccessToken}}","expires_in":3599,"token_type":"Bearer"}""");

        await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(gmail.Fake.CurrentHistoryId));

        var form = gmail.Fake.TokenRequests.Single();
        form["grant_type"].ToString().ShouldBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
        var assertion = new JsonWebToken(form["assertion"].ToString());
        assertion.Issuer.ShouldBe("reader@opshelm.iam.gserviceaccount.com");
        assertion.Subject.ShouldBe(GmailHarness.Address);
        assertion.GetClaim("scope").Value.ShouldBe(GmailCredentialOptions.ReadonlyScope);
    }

    [Fact]
    public void Options_name_every_missing_setting_without_its_value()
    {
        var error = Should.Throw<InvalidOperationException>(() => new GmailCredentialOptions { Mode = "ServiceAccount", PrivateKey = "secret-but-not-pem" }.Validate());

        error.Message.ShouldContain("ServiceAccountEmail");
        error.Message.ShouldContain("PrivateKey");
        error.Message.ShouldNotContain("secret-but-not-pem");
    }

    [Fact]
    public void Gmail_options_name_what_is_wrong()
    {
        var error = Should.Throw<InvalidOperationException>(() => new GmailOptions
        {
            BaseUrl = new Uri("http://gmail.example.com/"),
            HistoryPageSize = 900,
            WatchRenewEvery = TimeSpan.FromDays(8),
        }.Validate());

        error.Message.ShouldContain("Gmail:BaseUrl");
        error.Message.ShouldContain("Gmail:HistoryPageSize");
        error.Message.ShouldContain("Gmail:WatchRenewEvery");
    }
}
