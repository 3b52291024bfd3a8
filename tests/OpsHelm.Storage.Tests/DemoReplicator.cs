using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OpsHelm.Storage.Tests;

/// <summary>
/// Builds an N-message mailbox from the demo: copy k of every demo line gets fresh provider ids, conversation ids, Message-IDs
/// (and so fresh threads, since In-Reply-To and References name the same Message-IDs) and fresh ticket numbers, so each copy
/// is a new mailbox of the demo's shape rather than the same messages again.
/// </summary>
internal static partial class DemoReplicator
{
    /// <summary>Writes the first <paramref name="messages"/> lines of the demo's copies to <paramref name="target"/>.</summary>
    public static void Write(string demoMailbox, string target, int messages) => Write(demoMailbox, target, 0, messages);

    /// <summary>Writes lines <paramref name="from"/> (counted from 0) to <paramref name="to"/> (exclusive) of the demo's copies to <paramref name="target"/>.</summary>
    public static void Write(string demoMailbox, string target, int from, int to)
    {
        var lines = File.ReadAllLines(demoMailbox).Where(l => l.Length > 0).ToArray();
        var tokens = IdTokens(lines);
        var idPattern = new Regex(string.Join('|', tokens.OrderByDescending(t => t.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
        using var writer = new StreamWriter(target, append: false, new UTF8Encoding(false), 1 << 16);
        for (var i = from; i < to; i++)
        {
            var copy = i / lines.Length;
            var line = lines[i % lines.Length];
            line = idPattern.Replace(line, m => Fresh(m.Value, copy));
            line = ServiceNowNumber().Replace(line, m => m.Groups[1].Value + Shift(m.Groups[2].Value, copy));
            line = ConnectWiseNumber().Replace(line, m => "#" + Shift(m.Groups[1].Value, copy));
            writer.WriteLine(line);
        }
    }

    // Every id a line carries that other lines may point at: provider ids, conversation ids, Message-IDs, WhatsApp ids.
    private static HashSet<string> IdTokens(string[] lines)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException)
            {
                continue;
            }
            if (node?["message"] is not JsonObject message)
            {
                continue;
            }
            foreach (var name in new[] { "id", "conversationId", "internetMessageId" })
            {
                if (message[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length >= 8)
                {
                    tokens.Add(text);
                }
            }
            if (message["context"]?["id"] is JsonValue context && context.TryGetValue<string>(out var replyTo) && replyTo.Length >= 8)
            {
                tokens.Add(replyTo);
            }
        }
        return tokens;
    }

    private static string Fresh(string token, int copy) =>
        token.StartsWith('<') && token.IndexOf('@') is > 0 and var at
            ? $"{token[..at]}.c{copy}{token[at..]}"
            : $"{token}-c{copy}";

    // Ticket numbers keep their width; copies are 100 apart and the demo's numbers of one kind lie within 100 of each other.
    private static string Shift(string digits, int copy) =>
        (long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) + 100L * copy)
            .ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits.Length, '0');

    [GeneratedRegex(@"\b(INC|RITM|CHG|REQ|PRB|SCTASK|TASK)(\d{7})\b", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceNowNumber();

    [GeneratedRegex(@"#(\d{6})\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectWiseNumber();
}
