using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// The System.Text.Json shapes Cosmos documents are written in: the embedded store's record shape (<see cref="StoreJson"/>:
/// camelCase, enums as strings) under <c>data</c>, and the envelope around it.
/// </summary>
internal static class CosmosJson
{
    /// <summary>Options for envelopes and patch values (also handed to the SDK as its serializer).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(StoreJson.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>A record as the <c>data</c> element.</summary>
    public static JsonElement ToData<T>(T record, JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(record, type);

    /// <summary>The record under a document's <c>data</c>.</summary>
    public static T FromData<T>(RecordDocument document, JsonTypeInfo<T> type) =>
        document.Data.Deserialize(type) ?? throw new InvalidDataException($"Document '{document.Id}' holds no {typeof(T).Name}.");
}
