using OpsHelm.Core.Workspaces;

namespace OpsHelm.Cli.Commands;

/// <summary>How the command reports errors: one clear line on standard error and an exit code.</summary>
internal static class CliErrors
{
    public static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine($"opshelm: error: {message}");
        return exitCode;
    }

    /// <summary>Errors the user can fix (bad config, missing file), reported without a stack trace.</summary>
    public static bool IsUserError(Exception ex) =>
        ex is WorkspaceConfigException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException;
}
