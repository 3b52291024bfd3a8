using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsHelm.Functions.Work;

/// <summary>
/// The body of a Service Bus work message: <c>item</c> (process work item <see cref="ItemId"/> of <see cref="WorkspaceId"/>)
/// or <c>pull</c> (run the pulls that pushes and new runs wait for). The message only names the work; the store holds it.
/// </summary>
/// <param name="Kind"><c>item</c> or <c>pull</c>.</param>
/// <param name="WorkspaceId">The workspace (items).</param>
/// <param name="ItemId">The work item (items).</param>
public sealed record WorkMessage(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("workspaceId")] string? WorkspaceId = null,
    [property: JsonPropertyName("itemId")] string? ItemId = null)
{
    /// <summary>The kind of an item message.</summary>
    public const string Item = "item";

    /// <summary>The kind of a pull message.</summary>
    public const string Pull = "pull";

    // Our own messages are ~200 bytes; anything much larger was not sent by this app.
    private const int MaxBodyChars = 4096;

    /// <summary>The JSON body.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, WorkMessageJson.Default.WorkMessage);

    /// <summary>Reads a body; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static WorkMessage Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > MaxBodyChars)
        {
            throw new FormatException($"A work message is at most {MaxBodyChars} characters (this one has {body.Length}).");
        }
        WorkMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(body, WorkMessageJson.Default.WorkMessage);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The work message is not JSON: {ex.Message}", ex);
        }
        return message switch
        {
            { Kind: Pull } => message,
            { Kind: Item, WorkspaceId.Length: > 0 and <= 200, ItemId.Length: > 0 and <= 200 } => message,
            { Kind: Item } => throw new FormatException("An item message needs workspaceId and itemId (1–200 characters each)."),
            _ => throw new FormatException($"The work message's kind must be '{Item}' or '{Pull}' (was '{message?.Kind}')."),
        };
    }
}

/// <summary>Source-generated JSON for <see cref="WorkMessage"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkMessage))]
internal sealed partial class WorkMessageJson : JsonSerializerContext;
