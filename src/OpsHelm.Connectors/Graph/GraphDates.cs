using System.Globalization;
using System.Text.Json;

namespace OpsHelm.Connectors.Graph;

/// <summary>Reads the ISO 8601 date-times of Graph resources (messages, events).</summary>
internal static class GraphDates
{
    /// <summary>How much of an unreadable value the error quotes: enough to recognise it, never a whole hostile payload.</summary>
    private const int QuotedChars = 40;

    /// <summary>The date-time in <paramref name="name"/>, null when absent; throws <see cref="FormatException"/> naming the field when it is not a date.</summary>
    public static DateTimeOffset? Read(JsonElement element, string name)
    {
        var text = element.StringProperty(name);
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"'{name}' is not a date: '{Quote(text)}'");
    }

    private static string Quote(string value) => value.Length <= QuotedChars ? value : value[..QuotedChars] + "…";
}
