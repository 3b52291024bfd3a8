using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpsHelm.Storage.Tests.Emulators;

/// <summary>
/// One emulator started through tests/emulators/launch.js on a loopback port: a free one it picks and reports in its first
/// "listens on http(s)://127.0.0.1:PORT" line, or the one given (Azurite's Table service reports only what it was given). Its
/// standard input stays open while it runs; closing it (or this process dying) ends the emulator, and disposing also kills
/// its process tree.
/// </summary>
internal sealed partial class EmulatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;
    private int _stopped;

    private EmulatorProcess(Process process, Uri endpoint, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        Endpoint = endpoint;
        _output = output;
    }

    /// <summary>Where it listens.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Starts <paramref name="which"/> (cosmos | azurite | azurite-table) on <paramref name="port"/> (0: a free one) with Azurite's
    /// <paramref name="options"/>, and waits until it listens.
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(string emulatorsDirectory, string which, TimeSpan timeout, int port = 0,
        IReadOnlyList<string>? options = null)
    {
        var info = new ProcessStartInfo("node", [Path.Combine(emulatorsDirectory, "launch.js"), which, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. options ?? []])
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
                var scheme = match.Groups[1].Success ? match.Groups[1].Value : "http";
                ready.TrySetResult(new Uri($"{scheme}://127.0.0.1:{match.Groups[2].Value}"));
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await ready.Task.WaitAsync(timeout);
            return new EmulatorProcess(process, endpoint, output);
        }
        catch (TimeoutException)
        {
            Stop(process);
            throw new InvalidOperationException($"The {which} emulator did not listen within {timeout.TotalSeconds} s: {string.Join(" | ", output)}");
        }
    }

    /// <summary>A free loopback port (for the emulators that must be told one).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops it the way Ctrl+C does (Azurite closes its server and saves its database), then ends the process.</summary>
    public async Task InterruptAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(l => l.Contains("successfully closed", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Stop(_process);
        }
    }

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

    [GeneratedRegex(@"(?:listens on|listening on|started on) (?:(https?)://)?127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
