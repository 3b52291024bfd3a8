using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// One document of the records container: the record itself under <c>data</c> (left out of the index), and beside it the few
/// top-level fields the queries filter and sort on. Partition key <c>/workspaceId</c>; <c>id</c> is deterministic per type.
/// </summary>
internal sealed class RecordDocument
{
    /// <summary>Deterministic id (<see cref="DocumentIds"/>).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The partition key: the workspace.</summary>
    [JsonPropertyName("workspaceId")]
    public required string WorkspaceId { get; init; }

    /// <summary>What the document holds (<see cref="DocumentTypes"/>).</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The instant lists sort by, in Unix milliseconds.</summary>
    [JsonPropertyName("sortAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SortAt { get; init; }

    /// <summary>Lower-case status, for filters.</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    /// <summary>A secondary key queries look up (an EmailEvent's Message-ID).</summary>
    [JsonPropertyName("lookup")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Lookup { get; init; }

    /// <summary>The EmailEvent whose recording created the document, so a retried recording knows its own earlier writes.</summary>
    [JsonPropertyName("createdBy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedBy { get; init; }

    /// <summary>On tickets: the latest EmailEvents merged in, so a retry after a crash never merges one twice.</summary>
    [JsonPropertyName("applied")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Applied { get; init; }

    /// <summary>Seconds until Cosmos removes the document (container TTL is on with no default).</summary>
    [JsonPropertyName("ttl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ttl { get; init; }

    /// <summary>The record, as the embedded store's JSON shape.</summary>
    [JsonPropertyName("data")]
    public JsonElement Data { get; init; }

    /// <summary>The ETag Cosmos returned (never written).</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>The values of <see cref="RecordDocument.Type"/>.</summary>
internal static class DocumentTypes
{
    public const string Event = "event";
    public const string Ticket = "ticket";
    public const string Thread = "thread";
    public const string Task = "task";
    public const string Commitment = "commitment";
    public const string Exception = "exception";
    public const string Run = "run";
    public const string Lease = "lease";
    public const string Push = "push";
    public const string Workspace = "workspace";
    public const string Message = "message";
    public const string Work = "work";
    public const string Dismissal = "dismissal";
}
