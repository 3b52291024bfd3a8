namespace OpsHelm.Core.Extraction;

/// <summary>A commitment we made, with its due date when one is stated, and the words that decided both.</summary>
public sealed record Promise(string Text, DateTimeOffset? Due, string Evidence = "");
