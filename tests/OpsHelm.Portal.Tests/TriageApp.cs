namespace OpsHelm.Portal.Tests;

/// <summary>An app of its own for the tests that change data (triage, dismissals), so the read-only tests keep the demo as ingested.</summary>
public sealed class TriageApp : PortalApp;
