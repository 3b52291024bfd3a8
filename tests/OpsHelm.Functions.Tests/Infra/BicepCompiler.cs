using System.Diagnostics;
using System.Reflection;

namespace OpsHelm.Functions.Tests.Infra;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (its path is stamped into this assembly at build).</summary>
internal static class BicepCompiler
{
    /// <summary>The result of <c>bicep build FILE --stdout</c>: exit code, the ARM JSON and the diagnostics.</summary>
    public sealed record Build(int ExitCode, string Json, string Diagnostics);

    /// <summary>Compiles <paramref name="bicepFile"/> to ARM JSON, as <c>azd provision</c> would before deploying it.</summary>
    public static async Task<Build> BuildAsync(string bicepFile)
    {
        var cli = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
        File.Exists(cli).ShouldBeTrue($"the Bicep CLI is not at {cli}: restore the test project");
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The test project references the linux-x64 Bicep CLI.");
        }
        // NuGet unpacks packages without the executable bit.
        var mode = File.GetUnixFileMode(cli);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(cli, mode | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo(cli, ["build", bicepFile, "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No telemetry from a test run; the CLI would otherwise try to reach its collector.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var json = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Build(process.ExitCode, await json, await diagnostics);
    }
}
