namespace OpsHelm.Connectors.Graph;

/// <summary>Some mailboxes could not be read; the others were, and the failures are on each source's health.</summary>
public sealed class GraphSourceException(string message) : Exception(message);
