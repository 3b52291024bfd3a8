using System.Text.Json.Serialization;

namespace OpsHelm.Functions.Hosting.CustomHandler;

/// <summary>What a custom handler returns to the Functions host: output binding values, log lines and a return value.</summary>
/// <param name="Outputs">Output binding name → value.</param>
/// <param name="Logs">Lines the host writes to the function's log.</param>
/// <param name="ReturnValue">The $return binding's value, if any.</param>
/// <param name="StatusCode">The HTTP status of the reply: anything but 200 fails the invocation (a Service Bus message is then given back for redelivery).</param>
public sealed record InvocationResponse(
    IReadOnlyDictionary<string, object?> Outputs,
    IReadOnlyList<string> Logs,
    object? ReturnValue,
    [property: JsonIgnore] int StatusCode = StatusCodes.Status200OK);
