namespace OpsHelm.Core.Messages;

/// <summary>One internet message header.</summary>
public sealed record MessageHeader(string Name, string Value);
