namespace OpsHelm.Core.Extraction;

/// <summary>A commitment we made, with its due date when one is stated.</summary>
public sealed record Promise(string Text, DateTimeOffset? Due);
