using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using OpsHelm.Storage.Tests;

namespace OpsHelm.Benchmarks.IngestScale;

/// <summary>
/// `opshelm ingest` at mailbox sizes (1k, 10k, 100k by default): each size is a mailbox built from the demo with fresh ids,
/// threads and ticket numbers, ingested by the real CLI (its own process, Release build) into a fresh embedded store. Reports
/// messages/s over the run (the runner's duration: store open and process start-up excluded) and over the process end to end
/// less the start-up of an empty ingest, µs per message (and CPU µs per message, less the empty ingest's: the figure a loaded
/// machine does not move), the process's peak working set, the store's size on disk, and two
/// second runs over the same store: the same file again (every line is read again and must be found already recorded), and
/// once more with <c>--resume</c> (starts after the file's checkpoint, so reads nothing).
/// </summary>
internal static class IngestScaleBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        var root = RepositoryRoot();
        var cli = CliPath(root);
        var config = Path.Combine(root, "demo", "workspace.json");
        var workDir = Path.Combine(Path.GetTempPath(), "opshelm-ingest-scale-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(workDir);
        try
        {
            var empty = Path.Combine(workDir, "empty.jsonl");
            await File.WriteAllTextAsync(empty, "");
            var startup = await IngestAsync(cli, config, empty, Path.Combine(workDir, "startup-store"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cli: {cli}\nstart-up (an empty ingest into a fresh store, end to end): {startup.Wall.TotalMilliseconds:0} ms wall, {startup.Cpu.TotalMilliseconds:0} ms CPU, peak {startup.PeakMb:0} MB\n"));
            Console.WriteLine("| messages | run msgs/s | run µs/msg | e2e msgs/s | e2e µs/msg | CPU µs/msg | peak MB | store MB | again: fetched / new | again msgs/s | again peak MB | --resume: fetched / new, ms |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var size in sizes)
            {
                var dir = Path.Combine(workDir, size.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                var source = Path.Combine(dir, "mailbox.jsonl");
                DemoReplicator.Write(Path.Combine(root, "demo", "mailbox.jsonl"), source, size);
                var store = Path.Combine(dir, "store");

                var first = await IngestAsync(cli, config, source, store);
                var storeMb = DirectorySize(store) / 1e6;
                var again = await IngestAsync(cli, config, source, store);
                // An older CLI has no --resume: its column says so instead of stopping the benchmark.
                Ingest? resumed;
                try
                {
                    resumed = await IngestAsync(cli, config, source, store, "--resume");
                }
                catch (InvalidOperationException)
                {
                    resumed = null;
                }

                var runSeconds = first.DurationMs / 1000.0;
                var e2eSeconds = Math.Max(1e-3, (first.Wall - startup.Wall).TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {first.Fetched / runSeconds:N0} | {1e6 * runSeconds / first.Fetched:0.0} | {first.Fetched / e2eSeconds:N0} | {1e6 * e2eSeconds / first.Fetched:0.0} | {1e6 * (first.Cpu - startup.Cpu).TotalSeconds / first.Fetched:0.0} | {first.PeakMb:0} | {storeMb:0.0} | {again.Fetched:N0} / {again.New} | {again.Fetched / Math.Max(1e-3, again.DurationMs / 1000.0):N0} | {again.PeakMb:0} | {(resumed is null ? "n/a" : $"{resumed.Fetched} / {resumed.New}, {resumed.DurationMs}")} |"));
                if (first.New != size - Unparseable(source) || again.New != 0 || again.Fetched != size || resumed?.New is > 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  unexpected counts: first new {first.New} of {size}, again fetched {again.Fetched} new {again.New}, resumed new {resumed?.New}"));
                }
                Directory.Delete(dir, recursive: true);
            }
            return 0;
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    private sealed record Ingest(TimeSpan Wall, long DurationMs, int Fetched, int New, double PeakMb, TimeSpan Cpu);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // utime + stime of /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s).
    private static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    private static async Task<Ingest> IngestAsync(string cli, string config, string source, string store, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "ingest", "--workspace-config", config, "--source", source, "--store", store, "--json" }.Concat(options))
        {
            start.ArgumentList.Add(arg);
        }
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var cpu = TimeSpan.Zero;
        // The kernel's high-water mark (VmHWM) and CPU times only grow, so the last readings before exit are the process's.
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id));
            cpu = Max(cpu, CpuTime(process.Id));
            await Task.Delay(20);
        }
        await process.WaitForExitAsync();
        var wall = stopwatch.Elapsed;
        var stdout = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"opshelm ingest exited {process.ExitCode}: {await error}\n{stdout}");
        }
        var run = JsonNode.Parse(stdout)!["run"]!;
        var counts = run["counts"]!;
        return new Ingest(wall, run["durationMs"]!.GetValue<long>(), counts["fetched"]!.GetValue<int>(), counts["new"]!.GetValue<int>(), peak / 1e6, cpu);
    }

    private static long PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    // The demo holds lines that are deliberately unreadable (truncated JSON, a message without an id); each is a ParseFailure, never a new message.
    private static int Unparseable(string source)
    {
        var count = 0;
        foreach (var line in File.ReadLines(source))
        {
            try
            {
                if (JsonNode.Parse(line)?["message"]?["id"] is null)
                {
                    count++;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                count++;
            }
        }
        return count;
    }

    private static long DirectorySize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    // OPSHELM_CLI names another build's opshelm.dll (an older commit, to compare against).
    private static string CliPath(string root)
    {
        if (Environment.GetEnvironmentVariable("OPSHELM_CLI") is { Length: > 0 } other)
        {
            return File.Exists(other) ? other : throw new FileNotFoundException($"OPSHELM_CLI names no file: {other}", other);
        }
        var configuration = typeof(IngestScaleBenchmark).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var path = Path.Combine(root, "src", "OpsHelm.Cli", "bin", configuration, "net10.0", "opshelm.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build the CLI first ({configuration}): {path}", path);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsHelm.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("run the benchmark from inside the OpsHelm repository");
    }
}
