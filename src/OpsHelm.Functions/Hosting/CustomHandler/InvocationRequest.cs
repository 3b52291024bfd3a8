using System.Text.Json;

namespace OpsHelm.Functions.Hosting.CustomHandler;

/// <summary>What the Functions host posts to <c>/{FunctionName}</c> for a non-HTTP trigger: trigger and input binding data, and metadata.</summary>
/// <param name="Data">Binding name → value (the timer's schedule status, the Service Bus message body …).</param>
/// <param name="Metadata">Trigger metadata (sys.MethodName, sys.UtcNow, MessageId, DeliveryCount …).</param>
public sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata);
