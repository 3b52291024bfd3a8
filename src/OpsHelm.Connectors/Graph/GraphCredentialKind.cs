namespace OpsHelm.Connectors.Graph;

/// <summary>How the app proves who it is to Entra ID for app-only Graph tokens.</summary>
public enum GraphCredentialKind
{
    /// <summary>An app registration's client secret.</summary>
    ClientSecret,
    /// <summary>An app registration's certificate (PFX or PEM file).</summary>
    Certificate,
    /// <summary>The Azure host's managed identity (system-assigned, or user-assigned by client id).</summary>
    ManagedIdentity,
}
