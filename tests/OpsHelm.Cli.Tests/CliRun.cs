using System.Diagnostics;
using OpsHelm.Cli.Commands;

namespace OpsHelm.Cli.Tests;

/// <summary>Runs the opshelm command in this process (console captured) or as its own process.</summary>
internal static class CliRun
{
    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>Runs <paramref name="args"/> in-process; standard output and error captured.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> InProcessAsync(params string[] args)
    {
        await ConsoleGate.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            var exitCode = await OpsHelmCommand.Create(TimeProvider.System).Parse(args).InvokeAsync();
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            ConsoleGate.Release();
        }
    }

    /// <summary>Starts opshelm as a separate process, as a second operator would.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "opshelm.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    /// <summary>A fresh directory deleted at the end of the test.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("opshelm-cli-test-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
