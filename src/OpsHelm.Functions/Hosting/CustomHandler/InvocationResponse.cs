namespace OpsHelm.Functions.Hosting.CustomHandler;

/// <summary>What a custom handler returns to the Functions host: output binding values, log lines and a return value.</summary>
/// <param name="Outputs">Output binding name → value.</param>
/// <param name="Logs">Lines the host writes to the function's log.</param>
/// <param name="ReturnValue">The $return binding's value, if any.</param>
public sealed record InvocationResponse(IReadOnlyDictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue);
