namespace OpsHelm.Core.Workspaces;

/// <summary>A workspace configuration that is missing or invalid; the message names the file and the problem.</summary>
public sealed class WorkspaceConfigException(string message, Exception? inner = null) : Exception(message, inner);
