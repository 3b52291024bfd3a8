namespace OpsHelm.Connectors.Graph;

/// <summary>The message properties the pipeline uses, as <c>$select</c> asks for them, and the Prefer headers of mail reads.</summary>
internal static class GraphMessageFields
{
    /// <summary>Only what <see cref="GraphMessageMapper"/> reads, plus hasAttachments to decide whether to fetch attachments.</summary>
    public static readonly string[] Select =
    [
        "id", "subject", "body", "from", "sender", "toRecipients", "ccRecipients", "bccRecipients", "sentDateTime",
        "receivedDateTime", "internetMessageId", "conversationId", "hasAttachments", "internetMessageHeaders",
    ];

    /// <summary>Bodies as text: smaller, and nothing to render.</summary>
    public const string PreferText = "outlook.body-content-type=\"text\"";

    /// <summary>The Prefer header asking for pages of <paramref name="size"/> items.</summary>
    public static string PreferPageSize(int size) => $"odata.maxpagesize={size}";

    /// <summary>An OData date-time literal (UTC, seconds).</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
