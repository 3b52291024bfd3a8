namespace OpsHelm.Core.Signals;

/// <summary>A classification cue that matched: what it says and how sure it is.</summary>
public sealed record Signal(string Evidence, double Confidence);
