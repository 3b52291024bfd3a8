namespace OpsHelm.Core.Extraction;

/// <summary>A request or question put to us, with the words that made it one.</summary>
public sealed record Ask(string Text, string Evidence = "");
