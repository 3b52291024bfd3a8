using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests.Gmail;

public sealed class GmailPushHandlerTests : IAsyncLifetime
{
    private const string Audience = "https://opshelm.example.com/api/notifications/gmail";
    private const string PushAccount = "gmail-push@opshelm.iam.gserviceaccount.com";
    private readonly RSA _googleKey = RSA.Create(2048);
    private readonly RSA _forgerKey = RSA.Create(2048);
    private readonly TempEmbeddedStore _store = TempEmbeddedStore.Open();
    private readonly HttpClient _http = new();
    private FakeGmailServer _google = null!;

    private static readonly WorkspaceConfig Workspace = new()
    {
        Id = "ws-push",
        Mailboxes = [new MailboxConfig { Id = "user", Provider = "Gmail", Address = "user@example.com" }],
    };

    public async Task InitializeAsync()
    {
        _google = await FakeGmailServer.StartAsync("user@example.com");
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_googleKey.ExportParameters(false)) { KeyId = "google-key-1" });
        jwk.Use = "sig";
        jwk.Alg = "RS256";
        _google.JwksJson = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E }),
        }.ToJsonString();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _google.DisposeAsync();
        await _store.DisposeAsync();
    }

    private UnroutedTrace Unrouted => _unrouted ??= new UnroutedTrace(_store.Store.Health);

    private UnroutedTrace? _unrouted;

    private GmailPushHandler CreateSut() => new(
        new GmailPushOptions { Audience = Audience, ServiceAccountEmail = PushAccount, JwksUrl = new Uri(_google.BaseUrl, "jwks") },
        _http, _store.Store.PushInbox, [Workspace], TimeProvider.System, Unrouted.Deliveries);

    private string Token(RSA? key = null, string audience = Audience, string email = PushAccount, bool verified = true,
        string issuer = "https://accounts.google.com", TimeSpan? expiresIn = null)
    {
        var expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", "112233445566778899"), new Claim("email", email)]),
            Claims = new Dictionary<string, object> { ["email_verified"] = verified },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? _googleKey) { KeyId = "google-key-1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The pushes recorded for the one workspace (a push can be routed nowhere else), none yet pulled.</summary>
    private Task<IReadOnlyList<PushNotice>> RecordedAsync() =>
        _store.Store.PushInbox.ListPendingAsync(Workspace.Id, int.MaxValue, CancellationToken.None);

    private static byte[] Body => Encoding.UTF8.GetBytes(Fixture.Text("Gmail/pubsub-push.json"));

    [Fact]
    public async Task A_verified_push_is_recorded_under_its_PubSub_message_id()
    {
        var result = await CreateSut().HandleAsync("Bearer " + Token(), Body, CancellationToken.None);

        result.Outcome.ShouldBe(GmailPushOutcome.Recorded);
        result.StatusCode.ShouldBe(204);
        var notice = (await RecordedAsync()).Single();
        notice.WorkspaceId.ShouldBe("ws-push");
        notice.SourceId.ShouldBe("user@example.com");
        notice.Provider.ShouldBe("Gmail");
        using var payload = JsonDocument.Parse(notice.Payload);
        payload.RootElement.GetProperty("historyId").GetString().ShouldBe("1234567890");
        payload.RootElement.GetProperty("messageId").GetString().ShouldBe("2070443601311540");
    }

    [Fact]
    public async Task A_redelivered_push_is_recorded_once()
    {
        var sut = CreateSut();

        var first = await sut.HandleAsync("Bearer " + Token(), Body, CancellationToken.None);
        var second = await sut.HandleAsync("Bearer " + Token(), Body, CancellationToken.None);

        first.Outcome.ShouldBe(GmailPushOutcome.Recorded);
        second.Outcome.ShouldBe(GmailPushOutcome.Duplicate);
        second.StatusCode.ShouldBe(204);
        (await RecordedAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_push_without_a_token_is_unauthorized_and_stores_nothing()
    {
        var result = await CreateSut().HandleAsync(null, Body, CancellationToken.None);

        result.StatusCode.ShouldBe(401);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_unauthorized_and_stores_nothing()
    {
        var result = await CreateSut().HandleAsync("Bearer " + Token(key: _forgerKey), Body, CancellationToken.None);

        result.StatusCode.ShouldBe(401);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_for_another_audience_is_unauthorized_and_stores_nothing()
    {
        var result = await CreateSut().HandleAsync("Bearer " + Token(audience: "https://elsewhere.example.com/push"), Body, CancellationToken.None);

        result.StatusCode.ShouldBe(401);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_token_or_another_issuer_is_unauthorized()
    {
        var sut = CreateSut();

        (await sut.HandleAsync("Bearer " + Token(expiresIn: TimeSpan.FromMinutes(-30)), Body, CancellationToken.None)).StatusCode.ShouldBe(401);
        (await sut.HandleAsync("Bearer " + Token(issuer: "https://evil.example.com"), Body, CancellationToken.None)).StatusCode.ShouldBe(401);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_valid_token_of_another_service_account_or_an_unverified_email_is_forbidden()
    {
        var sut = CreateSut();

        (await sut.HandleAsync("Bearer " + Token(email: "someone@attacker.iam.gserviceaccount.com"), Body, CancellationToken.None)).StatusCode.ShouldBe(403);
        (await sut.HandleAsync("Bearer " + Token(verified: false), Body, CancellationToken.None)).StatusCode.ShouldBe(403);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_push_for_an_address_no_workspace_reads_is_acknowledged_and_traced_at_host_level()
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"emailAddress":"stranger@example.org","historyId":"42"}"""));
        var body = Encoding.UTF8.GetBytes($$"""{"message":{"data":"{{data}}","messageId":"99"},"subscription":"projects/p/subscriptions/s"}""");

        var result = await CreateSut().HandleAsync("Bearer " + Token(), body, CancellationToken.None);

        result.Outcome.ShouldBe(GmailPushOutcome.Ignored);
        (await RecordedAsync()).ShouldBeEmpty();
        var entry = Unrouted.Deliveries.Current.ShouldHaveSingleItem();
        (entry.Provider, entry.Key, entry.Reason).ShouldBe(("Gmail", "stranger@example.org", UnroutedReasons.UnknownRoute));
        Unrouted.Logger.Entries.ShouldContain(e => e.EventId == 1200 && e.Values["Key"] == "stranger@example.org" && e.Values["Provider"] == "Gmail");
        (await _store.Store.Health.ListIncidentsAsync(Workspace.Id, null, CancellationToken.None)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("overlong")]
    public async Task A_verified_push_whose_message_id_is_missing_or_too_long_is_a_400_traced_at_host_level(string messageId)
    {
        var id = messageId == "overlong" ? new string('9', 600) : messageId;
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"emailAddress":"user@example.com","historyId":"42"}"""));
        var body = Encoding.UTF8.GetBytes($$$"""{"message":{"data":"{{{data}}}","messageId":"{{{id}}}"}}""");

        var result = await CreateSut().HandleAsync("Bearer " + Token(), body, CancellationToken.None);

        result.StatusCode.ShouldBe(400);
        (await RecordedAsync()).ShouldBeEmpty();
        Unrouted.Deliveries.Current.ShouldHaveSingleItem().Reason.ShouldBe(UnroutedReasons.UnreadableBody);
    }

    [Fact]
    public async Task An_unsigned_push_that_is_unreadable_leaves_no_host_level_entry()
    {
        var result = await CreateSut().HandleAsync(null, "[1]"u8.ToArray(), CancellationToken.None);

        result.StatusCode.ShouldBe(401);
        Unrouted.Deliveries.Current.ShouldBeEmpty();
    }

    [Fact]
    public async Task Out_of_order_pushes_are_each_recorded_with_their_own_history_id()
    {
        static byte[] Push(string messageId, string historyId)
        {
            var data = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"emailAddress":"user@example.com","historyId":"{{historyId}}"}"""));
            return Encoding.UTF8.GetBytes($$$"""{"message":{"data":"{{{data}}}","messageId":"{{{messageId}}}"}}""");
        }
        var sut = CreateSut();

        (await sut.HandleAsync("Bearer " + Token(), Push("2", "200"), CancellationToken.None)).Outcome.ShouldBe(GmailPushOutcome.Recorded);
        (await sut.HandleAsync("Bearer " + Token(), Push("1", "100"), CancellationToken.None)).Outcome.ShouldBe(GmailPushOutcome.Recorded);

        var recorded = await RecordedAsync();
        recorded.Select(n => JsonDocument.Parse(n.Payload).RootElement.GetProperty("historyId").GetString()).ShouldBe(["200", "100"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"message":{"messageId":"1"}}""")]
    [InlineData("""{"message":{"data":"not base64!","messageId":"1"}}""")]
    [InlineData("""{"message":{"data":"eyJoaXN0b3J5SWQiOiIxIn0=","messageId":"1"}}""")]
    [InlineData("[1,2,3]")]
    public async Task A_body_that_is_not_a_Gmail_push_is_a_bad_request(string body)
    {
        var result = await CreateSut().HandleAsync("Bearer " + Token(), Encoding.UTF8.GetBytes(body), CancellationToken.None);

        result.StatusCode.ShouldBe(400);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_unread()
    {
        var result = await CreateSut().HandleAsync("Bearer " + Token(), new byte[65 * 1024], CancellationToken.None);

        result.StatusCode.ShouldBe(413);
    }
}
