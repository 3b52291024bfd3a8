namespace OpsHelm.Connectors.Graph;

/// <summary>Graph answered with a body the connector will not read (too large, or not the shape documented).</summary>
public sealed class GraphPayloadException(string message) : Exception(message);
