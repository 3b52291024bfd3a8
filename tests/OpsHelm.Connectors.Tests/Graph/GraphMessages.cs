using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>Graph messages for the fake, made from the documented example in Fixtures/Graph/message-template.json.</summary>
internal static class GraphMessages
{
    private static readonly string Template = File.ReadAllText(Fixture.PathOf("Graph/message-template.json"));

    /// <summary>Message <paramref name="n"/> of <paramref name="folder"/>, received at <paramref name="received"/>.</summary>
    public static JsonObject Create(string folder, int n, DateTimeOffset received, string? subject = null)
    {
        var message = (JsonObject)JsonNode.Parse(Template)!;
        var id = $"AAMkAGU-{folder}-{n:D4}=";
        var at = received.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        message["id"] = id;
        message["subject"] = subject ?? $"Status update {folder} #{n}";
        message["receivedDateTime"] = at;
        message["sentDateTime"] = at;
        message["createdDateTime"] = at;
        message["internetMessageId"] = $"<{folder}-{n}@contoso.com>";
        message["conversationId"] = $"AAQkAGU-{folder}-{n:D4}=";
        if (folder == "sentitems")
        {
            // What we sent: from the mailbox itself, and no internet headers (it never crossed SMTP into this mailbox).
            message["from"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "Ops Desk", ["address"] = GraphTestContext.Mailbox } };
            message["sender"] = message["from"]!.DeepClone();
            message["toRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "Megan Bowen", ["address"] = "MeganB@contoso.com" } });
            message.Remove("internetMessageHeaders");
        }
        return message;
    }

    /// <summary>The attachments of the documented examples in Fixtures/Graph/attachments.json.</summary>
    public static JsonObject[] Attachments() =>
        [.. JsonNode.Parse(File.ReadAllText(Fixture.PathOf("Graph/attachments.json")))!.AsArray().Select(a => (JsonObject)a!.DeepClone())];
}
