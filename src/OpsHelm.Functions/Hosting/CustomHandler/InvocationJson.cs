using System.Text.Json;

namespace OpsHelm.Functions.Hosting.CustomHandler;

/// <summary>The host reads <c>Outputs</c>, <c>Logs</c> and <c>ReturnValue</c> with these exact (Pascal case) names.</summary>
public static class InvocationJson
{
    /// <summary>Serializer options for invocation replies.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General);
}
