namespace OpsHelm.Core.Runs;

/// <summary>A provider this host has no settings for, so its sources are left out of pulls.</summary>
/// <param name="Provider">Graph, Gmail or WhatsApp.</param>
/// <param name="Reason">The settings it misses (never their values).</param>
public sealed record UnconfiguredProvider(string Provider, string Reason);
