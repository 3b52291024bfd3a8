using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpsHelm.Core.Runs;

namespace OpsHelm.Cli.Output;

/// <summary>Writes replay result lines (DESIGN §6), one per source item, in source order.</summary>
public sealed class ReplayResultWriter(Stream output) : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Lines written so far.</summary>
    public int Lines { get; private set; }

    /// <summary>Writes the result line of <paramref name="item"/>.</summary>
    public void Write(ItemResult item)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("messageId", item.ResultId);
            if (item.Origin is not null)
            {
                // Raw-mail sources name the file (and the index within an mbox) the line came from.
                json.WriteString("source", item.Origin);
            }
            var outcome = item.Outcome;
            json.WriteString("category", outcome?.Classification.Category.ToString() ?? "Other");
            json.WriteNumber("confidence", Math.Round(outcome?.Classification.Confidence ?? 0, 2));
            if (outcome?.Extraction.Ticket is { } ticket)
            {
                json.WriteStartObject("ticket");
                json.WriteString("id", ticket.Id);
                json.WriteString("system", ticket.System.ToString());
                json.WriteString("customer", ticket.Customer);
                json.WriteString("priority", ticket.Priority);
                json.WriteString("statusCue", ticket.StatusCue?.ToString());
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("ticket");
            }
            json.WriteStartArray("asks");
            foreach (var ask in outcome?.Extraction.Asks ?? [])
            {
                json.WriteStartObject();
                json.WriteString("text", ask.Text);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("promises");
            foreach (var promise in outcome?.Extraction.Promises ?? [])
            {
                json.WriteStartObject();
                json.WriteString("text", promise.Text);
                json.WriteString("due", promise.Due?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("exceptions");
            foreach (var exception in item.Exceptions)
            {
                json.WriteStartObject();
                json.WriteString("reason", exception.Reason.ToString());
                json.WriteString("details", exception.Details);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("evidence");
            foreach (var line in outcome is null ? item.Exceptions.Select(e => e.Details) : outcome.Event.Evidence)
            {
                json.WriteStringValue(line);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write(NewLine);
        Lines++;
    }

    /// <inheritdoc />
    public void Dispose() => output.Flush();
}
