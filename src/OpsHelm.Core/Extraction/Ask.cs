namespace OpsHelm.Core.Extraction;

/// <summary>A request or question put to us.</summary>
public sealed record Ask(string Text);
