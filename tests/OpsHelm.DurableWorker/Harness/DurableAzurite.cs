using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpsHelm.DurableWorker.Harness;

/// <summary>
/// Azurite (the pinned npm version in tests/emulators) with Blob, Queue and Table on free loopback ports, in memory, with
/// the flags the Durable backend needs (<c>--skipApiVersionCheck --loose</c>) and no telemetry. It ends when disposed or
/// when this process dies (its standard input closes).
/// </summary>
public sealed partial class DurableAzurite : IDisposable
{
    /// <summary>Azurite's documented development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's documented development key (public; it opens nothing outside the emulator).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private DurableAzurite(Process process, IReadOnlyDictionary<string, Uri> endpoints)
    {
        _process = process;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=" + AccountName + ";AccountKey=" + AccountKey
            + $";BlobEndpoint={endpoints["Blob"]}{AccountName};QueueEndpoint={endpoints["Queue"]}{AccountName};TableEndpoint={endpoints["Table"]}{AccountName};";
    }

    /// <summary>The connection string of the emulated account, with each service's endpoint.</summary>
    public string ConnectionString { get; }

    /// <summary>Installs the pinned emulators when needed (scripts/emulators.sh install), starts Azurite and waits until all three services listen.</summary>
    public static async Task<DurableAzurite> StartAsync(TimeSpan timeout)
    {
        var root = RepositoryRoot.Path;
        await InstallAsync(root);
        var emulators = Path.Combine(root, "tests", "emulators");
        var info = new ProcessStartInfo("node", [Path.Combine(emulators, "launch.js"), "azurite-durable"])
        {
            WorkingDirectory = emulators,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Azurite (node)");
        var endpoints = new ConcurrentDictionary<string, Uri>();
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            output.Enqueue(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                endpoints[match.Groups[1].Value] = new Uri(match.Groups[2].Value + "/");
                if (endpoints.Count == 3)
                {
                    ready.TrySetResult();
                }
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(timeout);
            return new DurableAzurite(process, endpoints);
        }
        catch (TimeoutException)
        {
            Stop(process);
            throw new InvalidOperationException($"Azurite did not listen within {timeout.TotalSeconds} s: {string.Join(" | ", output)}");
        }
    }

    /// <inheritdoc />
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

    private static async Task InstallAsync(string root)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "emulators.sh"), "install"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("scripts/emulators.sh install did not finish within 5 minutes");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/emulators.sh install failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
