using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.WhatsApp;

/// <summary>
/// The WhatsApp Cloud API webhook, as plain C#: the verification GET, and signed deliveries. A delivery's
/// X-Hub-Signature-256 (HMAC-SHA256 of the raw bytes with the app secret) is checked in constant time before anything is
/// parsed; then every entry, every change and every message is recorded as a PushNotice keyed by its wamid (a redelivery
/// is recorded once) for <see cref="WhatsAppDeliverySource"/> to turn into messages, and status updates are parsed.
/// Nothing signed is dropped without a trace: content no string can carry (invalid UTF-8, lone surrogates, NUL) is repaired
/// to U+FFFD and the repair travels with the message as evidence; a message whose number no workspace has, or whose wamid
/// is missing, too long or not printable, goes to <see cref="UnroutedDeliveries"/> (log line, counter, incident); its
/// neighbours are recorded as usual.
/// </summary>
public sealed class WhatsAppWebhookHandler
{
    /// <summary>Provider name used in pushes and health.</summary>
    public const string Provider = "WhatsApp";

    private const int MaxChallengeChars = 256;
    private const int MaxIdChars = 512;
    private readonly WhatsAppOptions _options;
    private readonly IPushInbox _inbox;
    private readonly IReadOnlyList<WorkspaceConfig> _workspaces;
    private readonly TimeProvider _time;
    private readonly UnroutedDeliveries _unrouted;
    private readonly byte[] _secret;

    /// <summary>A handler recording into <paramref name="inbox"/> for the WhatsApp numbers of <paramref name="workspaces"/>; what cannot be recorded goes to <paramref name="unrouted"/>.</summary>
    public WhatsAppWebhookHandler(WhatsAppOptions options, IPushInbox inbox, IReadOnlyList<WorkspaceConfig> workspaces, TimeProvider time, UnroutedDeliveries unrouted)
    {
        _unrouted = unrouted;
        options.Validate();
        _options = options;
        _inbox = inbox;
        _workspaces = workspaces;
        _time = time;
        _secret = Encoding.UTF8.GetBytes(options.AppSecret!);
    }

    /// <summary>Meta's verification GET: <c>hub.mode=subscribe</c> and the configured <c>hub.verify_token</c> echo <c>hub.challenge</c>.</summary>
    public WhatsAppVerification Verify(string? mode, string? verifyToken, string? challenge)
    {
        var tokenMatches = verifyToken is not null && SecretEquals(verifyToken, _options.VerifyToken!);
        return mode == "subscribe" && tokenMatches && challenge is { Length: > 0 and <= MaxChallengeChars }
            ? new WhatsAppVerification(true, challenge)
            : new WhatsAppVerification(false, null);
    }

    /// <summary>Checks and records one delivery: <paramref name="signature"/> is the X-Hub-Signature-256 header, <paramref name="body"/> the raw request bytes.</summary>
    public async Task<WhatsAppDeliveryResult> HandleAsync(string? signature, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length > _options.MaxBodyBytes)
        {
            return new WhatsAppDeliveryResult(WhatsAppDeliveryOutcome.TooLarge, $"the delivery is over {_options.MaxBodyBytes} bytes");
        }
        if (!SignatureMatches(signature, body.Span))
        {
            return new WhatsAppDeliveryResult(WhatsAppDeliveryOutcome.Unauthorized, "missing or wrong X-Hub-Signature-256");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return new WhatsAppDeliveryResult(WhatsAppDeliveryOutcome.BadRequest, "the delivery is not JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.StringProperty("object") != "whatsapp_business_account"
                || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return new WhatsAppDeliveryResult(WhatsAppDeliveryOutcome.BadRequest, "not a whatsapp_business_account delivery");
            }
            var tally = new Tally();
            foreach (var entry in entries.EnumerateArray())
            {
                foreach (var change in Array(entry, "changes"))
                {
                    if (change.ValueKind == JsonValueKind.Object && change.StringProperty("field") == "messages"
                        && change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
                    {
                        await RecordValueAsync(value, tally, cancellationToken);
                    }
                }
            }
            return new WhatsAppDeliveryResult(WhatsAppDeliveryOutcome.Recorded, null, tally.Recorded, tally.Duplicates, tally.Statuses, tally.Unrouted, tally.Repaired);
        }
    }

    private async Task RecordValueAsync(JsonElement value, Tally tally, CancellationToken cancellationToken)
    {
        var metadata = value.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var phoneNumberId = metadata.ValueKind == JsonValueKind.Object ? metadata.StringProperty("phone_number_id") : null;
        var display = metadata.ValueKind == JsonValueKind.Object ? metadata.StringProperty("display_phone_number") : null;
        var workspace = phoneNumberId is null ? null : _workspaces.FirstOrDefault(w => w.WhatsApp?.PhoneNumberId == phoneNumberId);
        var contacts = value.TryGetProperty("contacts", out var c) && c.ValueKind == JsonValueKind.Array ? Repaired(c) : ((byte[] Json, IReadOnlyList<string> Repairs)?)null;
        var now = _time.GetUtcNow();
        foreach (var message in Array(value, "messages"))
        {
            if (workspace is null)
            {
                tally.Unrouted++;
                await _unrouted.RecordAsync(new UnroutedDelivery(Provider, phoneNumberId ?? "(none)",
                    phoneNumberId is null ? UnroutedReasons.MissingRoute : UnroutedReasons.UnknownRoute), cancellationToken);
                continue;
            }
            var repaired = Repaired(message);
            using var parsed = JsonDocument.Parse(repaired.Json);
            var wamid = parsed.RootElement.ValueKind == JsonValueKind.Object ? parsed.RootElement.StringProperty("id") : null;
            if (IdProblem(wamid) is { } problem)
            {
                tally.Unrouted++;
                await _unrouted.RecordAsync(new UnroutedDelivery(Provider, phoneNumberId!, problem, workspace.Id), cancellationToken);
                continue;
            }
            var repairs = repaired.Repairs.Concat(contacts?.Repairs ?? []).Distinct().ToList();
            var notice = new PushNotice
            {
                Id = StableId.Of("push", Provider, wamid!),
                WorkspaceId = workspace.Id,
                Provider = Provider,
                SourceId = phoneNumberId!,
                Kind = "message",
                // Only what was verified, re-serialized: the message, the contacts beside it, where it was sent and what was repaired.
                Payload = Payload(phoneNumberId!, display, repaired.Json, contacts?.Json, repairs),
                ReceivedAt = now,
            };
            if (repairs.Count > 0)
            {
                tally.Repaired++;
            }
            if (await _inbox.AddAsync(notice, cancellationToken))
            {
                tally.Recorded++;
            }
            else
            {
                tally.Duplicates++;
            }
        }
        foreach (var status in Array(value, "statuses"))
        {
            if (workspace is null)
            {
                tally.Unrouted++;
                await _unrouted.RecordAsync(new UnroutedDelivery(Provider, phoneNumberId ?? "(none)",
                    phoneNumberId is null ? UnroutedReasons.MissingRoute : UnroutedReasons.UnknownRoute), cancellationToken);
                continue;
            }
            if (Status(status) is not { } update)
            {
                continue;
            }
            tally.Statuses.Add(update);
            // A status asks for no pull: recorded for the audit trail, already Done.
            await _inbox.AddAsync(new PushNotice
            {
                Id = StableId.Of("push", Provider, "status", update.MessageId, update.Status),
                WorkspaceId = workspace.Id,
                Provider = Provider,
                SourceId = phoneNumberId!,
                Kind = "status",
                Payload = JsonSerializer.Serialize(update),
                ReceivedAt = now,
                Status = "Done",
            }, cancellationToken);
        }
    }

    // A wamid is printable ASCII; anything else cannot key a notice (and would not match Meta's id when it is quoted back).
    private static string? IdProblem(string? wamid) => wamid switch
    {
        null or "" => UnroutedReasons.MissingMessageId,
        { Length: > MaxIdChars } => UnroutedReasons.OverlongMessageId,
        _ when wamid.Any(ch => ch is < '!' or > '~') => UnroutedReasons.InvalidMessageId,
        _ => null,
    };

    private static (byte[] Json, IReadOnlyList<string> Repairs) Repaired(JsonElement element)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        var (json, repairs) = Utf8JsonRepair.Repair(raw);
        return (json ?? raw.ToArray(), repairs);
    }

    private static string Payload(string phoneNumberId, string? display, byte[] message, byte[]? contacts, IReadOnlyList<string> repairs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("phoneNumberId", phoneNumberId);
            writer.WriteString("displayPhoneNumber", display);
            writer.WritePropertyName("message");
            writer.WriteRawValue(message);
            writer.WritePropertyName("contacts");
            if (contacts is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(contacts);
            }
            writer.WriteStartArray("repairs");
            foreach (var repair in repairs)
            {
                writer.WriteStringValue(repair);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static WhatsAppStatusUpdate? Status(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Object || status.StringProperty("id") is not { Length: > 0 and <= MaxIdChars } id)
        {
            return null;
        }
        var state = status.StringProperty("status");
        if (state is not ("sent" or "delivered" or "read" or "failed"))
        {
            return null;
        }
        DateTimeOffset? at = long.TryParse(status.StringProperty("timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        var recipient = status.StringProperty("recipient_id") is { } r ? WhatsAppMessageMapper.E164(r) : null;
        var error = Array(status, "errors").Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => $"{(e.TryGetProperty("code", out var code) ? code.GetRawText() : "?")} {e.StringProperty("title")}".Trim())
            .FirstOrDefault();
        return new WhatsAppStatusUpdate(id, state, at, recipient, error is { Length: > 300 } ? error[..300] : error);
    }

    private bool SignatureMatches(string? header, ReadOnlySpan<byte> body)
    {
        const string prefix = "sha256=";
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal) || header.Length != prefix.Length + 64)
        {
            return false;
        }
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    // Hashing first gives equal lengths, so the comparison time says nothing about the secret, not even its length.
    private static bool SecretEquals(string given, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private sealed class Tally
    {
        public int Recorded { get; set; }
        public int Duplicates { get; set; }
        public int Unrouted { get; set; }
        public int Repaired { get; set; }
        public List<WhatsAppStatusUpdate> Statuses { get; } = [];
    }
}
