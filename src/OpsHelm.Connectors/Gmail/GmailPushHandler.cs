using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// The Pub/Sub push of a Gmail watch, as plain C# (the HTTP function hands over the Authorization header and the raw body):
/// the OIDC token is verified against Google's keys (issuer, audience, the push service account's verified email), the
/// body <c>{"message":{"data":base64 {"emailAddress","historyId"},"messageId","publishTime"},"subscription"}</c> is read
/// within bounds, the address is mapped to its workspace mailbox, and a PushNotice keyed by the Pub/Sub message id is
/// recorded — once, however often Pub/Sub redelivers. Nothing is stored for a push that fails a check; a verified push for an
/// address no workspace reads, or whose body is unreadable, is traced at host level (<see cref="UnroutedDeliveries"/>).
/// </summary>
public sealed class GmailPushHandler
{
    private const int MaxTokenChars = 16 * 1024;
    private const int MaxIdChars = 256;
    private static readonly string[] Issuers = ["accounts.google.com", "https://accounts.google.com"];
    private readonly GmailPushOptions _options;
    private readonly IPushInbox _inbox;
    private readonly IReadOnlyList<WorkspaceConfig> _workspaces;
    private readonly TimeProvider _time;
    private readonly GoogleSigningKeys _keys;
    private readonly UnroutedDeliveries _unrouted;
    private readonly JsonWebTokenHandler _tokens = new() { MaximumTokenSizeInBytes = MaxTokenChars };

    /// <summary>A handler recording into <paramref name="inbox"/> for the Gmail mailboxes of <paramref name="workspaces"/>; <paramref name="http"/> fetches the JWKS.</summary>
    public GmailPushHandler(GmailPushOptions options, HttpClient http, IPushInbox inbox, IReadOnlyList<WorkspaceConfig> workspaces, TimeProvider time, UnroutedDeliveries unrouted)
    {
        _unrouted = unrouted;
        options.Validate();
        _options = options;
        _inbox = inbox;
        _workspaces = workspaces;
        _time = time;
        _keys = new GoogleSigningKeys(http, options.JwksUrl, options.KeysLifetime, time);
    }

    /// <summary>Checks and records one push.</summary>
    public async Task<GmailPushResult> HandleAsync(string? authorization, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length > _options.MaxBodyBytes)
        {
            return new GmailPushResult(GmailPushOutcome.TooLarge, $"the push is over {_options.MaxBodyBytes} bytes");
        }
        if (_options.VerifyToken && await VerifyAsync(authorization, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (Read(body) is not { } push)
        {
            if (_options.VerifyToken)
            {
                await _unrouted.RecordAsync(new UnroutedDelivery(GmailConnection.Provider, "(unreadable)", UnroutedReasons.UnreadableBody), cancellationToken);
            }
            return new GmailPushResult(GmailPushOutcome.BadRequest, "the body is not a Pub/Sub push of a Gmail notification");
        }
        var match = _workspaces
            .SelectMany(w => w.Mailboxes.Select(m => (Workspace: w, Mailbox: m)))
            .FirstOrDefault(p => string.Equals(p.Mailbox.Provider, GmailConnection.Provider, StringComparison.OrdinalIgnoreCase)
                && p.Mailbox.Address.Equals(push.EmailAddress, StringComparison.OrdinalIgnoreCase));
        if (match.Workspace is null)
        {
            await _unrouted.RecordAsync(new UnroutedDelivery(GmailConnection.Provider, push.EmailAddress, UnroutedReasons.UnknownRoute), cancellationToken);
            return new GmailPushResult(GmailPushOutcome.Ignored, "no workspace reads the pushed Gmail address");
        }
        var notice = new PushNotice
        {
            Id = StableId.Of("push", GmailConnection.Provider, push.MessageId),
            WorkspaceId = match.Workspace.Id,
            Provider = GmailConnection.Provider,
            SourceId = match.Mailbox.Address,
            Kind = "history",
            Payload = JsonSerializer.Serialize(new
            {
                emailAddress = match.Mailbox.Address,
                historyId = push.HistoryId,
                messageId = push.MessageId,
                publishTime = push.PublishTime,
                subscription = push.Subscription,
            }),
            ReceivedAt = _time.GetUtcNow(),
        };
        var added = await _inbox.AddAsync(notice, cancellationToken);
        return new GmailPushResult(added ? GmailPushOutcome.Recorded : GmailPushOutcome.Duplicate, null, notice);
    }

    private async Task<GmailPushResult?> VerifyAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > MaxTokenChars)
        {
            return new GmailPushResult(GmailPushOutcome.Unauthorized, "no bearer token");
        }
        var token = authorization[scheme.Length..].Trim();
        if (!_tokens.CanReadToken(token))
        {
            return new GmailPushResult(GmailPushOutcome.Unauthorized, "the bearer token is not a JWT");
        }
        IList<SecurityKey> keys;
        try
        {
            keys = await _keys.GetAsync(_tokens.ReadJsonWebToken(token).Kid, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or ResponseTooLargeException or ArgumentException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new GmailPushResult(GmailPushOutcome.Unauthorized, "Google's signing keys could not be fetched");
        }
        var result = await _tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = Issuers,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = WithinLifetime,
        });
        if (!result.IsValid)
        {
            // The exception type says which check failed without echoing the token.
            return new GmailPushResult(GmailPushOutcome.Unauthorized, $"the token failed validation ({result.Exception?.GetType().Name ?? "invalid"})");
        }
        var email = result.Claims.TryGetValue("email", out var e) ? e as string : null;
        var verified = result.Claims.TryGetValue("email_verified", out var v) && (v is true || (v is string s && s.Equals("true", StringComparison.OrdinalIgnoreCase)));
        if (email is null || !email.Equals(_options.ServiceAccountEmail, StringComparison.OrdinalIgnoreCase) || !verified)
        {
            return new GmailPushResult(GmailPushOutcome.Forbidden, "the token is not of the configured push service account");
        }
        return null;
    }

    // The lifetime check on the injected clock, with five minutes of skew either way.
    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var skew = TimeSpan.FromMinutes(5);
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } until && now <= until.ToUniversalTime() + skew && (notBefore is not { } from || now >= from.ToUniversalTime() - skew);
    }

    private static GmailPush? Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var messageId = message.StringProperty("messageId") ?? message.StringProperty("message_id");
            var data = message.StringProperty("data");
            if (messageId is not { Length: > 0 and <= MaxIdChars } || data is null || Base64Url.Decode(data) is not { } decoded)
            {
                return null;
            }
            using var notification = JsonDocument.Parse(decoded, new JsonDocumentOptions { MaxDepth = 4 });
            var inner = notification.RootElement;
            if (inner.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var address = inner.StringProperty("emailAddress");
            var historyId = inner.TryGetProperty("historyId", out var h)
                ? h.ValueKind switch { JsonValueKind.String => inner.StringProperty("historyId"), JsonValueKind.Number => h.GetRawText(), _ => null }
                : null;
            if (address is not { Length: > 2 and <= 320 } || !address.Contains('@')
                || !ulong.TryParse(historyId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return null;
            }
            var publishTime = message.StringProperty("publishTime") ?? message.StringProperty("publish_time");
            var subscription = root.StringProperty("subscription");
            return new GmailPush(address, historyId!, messageId, Bound(publishTime), Bound(subscription));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Bound(string? value) => value is { Length: > MaxIdChars } ? value[..MaxIdChars] : value;

    private sealed record GmailPush(string EmailAddress, string HistoryId, string MessageId, string? PublishTime, string? Subscription);
}
