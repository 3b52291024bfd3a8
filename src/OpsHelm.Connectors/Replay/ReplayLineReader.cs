using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Replay;

/// <summary>Reads one line of the replay format (DESIGN §6) into a message, or into a failure naming the file, the line and what was wrong.</summary>
public sealed class ReplayLineReader(string origin, string whatsAppNumber, int maxLineChars)
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The item of line <paramref name="lineNumber"/>.</summary>
    public SourceItem Read(string line, int lineNumber)
    {
        try
        {
            if (line.Length > maxLineChars)
            {
                return Fail(line, lineNumber, $"the line is {line.Length} characters, over the {maxLineChars}-character limit");
            }
            using var document = JsonDocument.Parse(line, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(line, lineNumber, "the line is not a JSON object");
            }
            if (!root.TryGetProperty("message", out var message))
            {
                return Fail(line, lineNumber, "the line has no 'message'");
            }
            var channel = root.StringProperty("channel");
            if (string.Equals(channel, "whatsapp", StringComparison.OrdinalIgnoreCase))
            {
                root.TryGetProperty("contacts", out var contacts);
                return new SourceItem(lineNumber, WhatsAppMessageMapper.Map(message, contacts, whatsAppNumber));
            }
            var mailbox = root.StringProperty("mailbox") ?? "";
            var folder = root.StringProperty("folder") ?? "inbox";
            return new SourceItem(lineNumber, GraphMessageMapper.Map(message, mailbox, folder));
        }
        catch (JsonException ex)
        {
            return Fail(line, lineNumber, $"not valid JSON ({ex.Message})");
        }
        catch (FormatException ex)
        {
            return Fail(line, lineNumber, ex.Message);
        }
    }

    /// <summary>The failure item of line <paramref name="lineNumber"/>, too long to read (<paramref name="bytes"/> bytes); it was never held in memory.</summary>
    public SourceItem Oversized(int lineNumber, long bytes) =>
        new(lineNumber, null, $"{origin} line {lineNumber}: the line is {bytes} bytes, over the {maxLineChars}-character limit",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{origin}#L{lineNumber}:{bytes}")))[..32]);

    private SourceItem Fail(string line, int lineNumber, string why)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)))[..32];
        return new SourceItem(lineNumber, null, $"{origin} line {lineNumber}: {why}", fingerprint);
    }

}
