namespace OpsHelm.Functions.Hosting.Scheduling;

/// <summary>Whether the standalone scheduler runs: not under the Functions host (it fires the timers itself), and not when <c>OpsHelm:Scheduler:Enabled</c> is false.</summary>
public static class StandaloneSchedulerSettings
{
    /// <summary>True when this process fires its own timers.</summary>
    public static bool Enabled(IConfiguration configuration, Func<string, string?> environment) =>
        string.IsNullOrEmpty(environment("FUNCTIONS_CUSTOMHANDLER_PORT"))
        && !string.Equals(configuration["OpsHelm:Scheduler:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
}
