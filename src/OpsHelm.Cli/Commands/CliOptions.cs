using System.CommandLine;

namespace OpsHelm.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CliOptions
{
    /// <summary>The embedded store directory.</summary>
    public static Option<DirectoryInfo> Store() => new("--store")
    {
        Description = "Directory of the embedded store (SQLite database and attachments)",
        DefaultValueFactory = _ => new DirectoryInfo(".opshelm"),
    };

    /// <summary>The workspace to read.</summary>
    public static Option<string?> Workspace() => new("--workspace")
    {
        Description = "Workspace id (may be left out when the store holds one workspace)",
    };

    /// <summary>JSON output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table" };

    /// <summary>A required input file.</summary>
    public static Option<FileInfo> RequiredFile(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
    };
}
