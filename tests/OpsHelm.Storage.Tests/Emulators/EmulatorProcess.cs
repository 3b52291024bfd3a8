using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpsHelm.Storage.Tests.Emulators;

/// <summary>
/// One emulator started through tests/emulators/launch.js on a free loopback port: the port is read from its first
/// "listen… on http(s)://127.0.0.1:PORT" line. Its standard input stays open while it runs; closing it (or this process dying)
/// ends the emulator, and disposing also kills its process tree.
/// </summary>
internal sealed partial class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>Where it listens.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts <paramref name="which"/> (cosmos | azurite) and waits until it listens.</summary>
    public static async Task<EmulatorProcess> StartAsync(string emulatorsDirectory, string which, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("node", [Path.Combine(emulatorsDirectory, "launch.js"), which, "0"])
        {
            WorkingDirectory = emulatorsDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start the {which} emulator (node)");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            output.Enqueue(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                ready.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await ready.Task.WaitAsync(timeout);
            return new EmulatorProcess(process, endpoint);
        }
        catch (TimeoutException)
        {
            Stop(process);
            throw new InvalidOperationException($"The {which} emulator did not listen within {timeout.TotalSeconds} s: {string.Join(" | ", output)}");
        }
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(2000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"(https?://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
