using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using OpsHelm.Core.Sources;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Benchmarks.Webhooks;

/// <summary>
/// Webhook acknowledgement under load: `opshelm serve` started as its own process (the Release build, Kestrel on a free
/// loopback port, the embedded store in a temporary directory holding one Graph subscription) receives distinct, valid
/// Graph change notifications at a fixed rate. Open loop: each send is scheduled by the clock, not by the previous
/// answer, and latency is measured from the scheduled time, so a stalled server shows as latency rather than as fewer
/// requests. Reports requests sent, status counts, 5xx and p50/p90/p99/max latency, and how many were recorded.
/// </summary>
internal static class WebhookLoadBenchmark
{
    private const string SubscriptionId = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    private const string ClientState = "bench-client-state-for-this-subscription";

    // In flight at most this many; beyond it a send is counted as skipped, so a stuck server cannot exhaust the machine.
    private const int MaxInFlight = 5_000;

    public static async Task<int> RunAsync(int rate, int seconds)
    {
        var root = RepositoryRoot();
        var workDir = Path.Combine(Path.GetTempPath(), "opshelm-webhook-bench-" + Guid.NewGuid().ToString("n")[..8]);
        var store = Path.Combine(workDir, "store");
        try
        {
            var app = await BuildAppAsync(root);
            await RegisterSubscriptionAsync(store);
            var port = FreePort();
            using var server = Start(app, store, Path.Combine(root, "demo", "workspace.json"), port);
            try
            {
                await LoadAgainstAsync(server, port, rate, seconds);
            }
            finally
            {
                Stop(server);
            }
            Console.WriteLine($"pushes recorded in the store: {Recorded(store)}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(workDir))
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
    }

    private static async Task LoadAgainstAsync(Process server, int port, int rate, int seconds)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        await WaitHealthyAsync(client, server, TimeSpan.FromSeconds(60));
        Console.WriteLine($"webhooks: {rate} requests/s for {seconds} s against {client.BaseAddress} (load average before: {LoadAverage()})");

        var results = await LoadAsync(client, rate, seconds);

        Console.WriteLine($"load average after: {LoadAverage()}");
        Report(results, rate * seconds);
    }

    private static async Task<ConcurrentBag<(int Status, double Milliseconds)>> LoadAsync(HttpClient client, int rate, int seconds)
    {
        var results = new ConcurrentBag<(int, double)>();
        var total = rate * seconds;
        var inFlight = 0;
        var sends = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            if (Interlocked.Increment(ref inFlight) > MaxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                results.Add((-1, 0));
                continue;
            }
            sends.Add(SendAsync(client, i, due, results, () => Interlocked.Decrement(ref inFlight)));
        }
        await Task.WhenAll(sends);
        Console.WriteLine($"sent {total} in {clock.Elapsed.TotalSeconds:F1} s (last answer included)");
        return results;
    }

    private static async Task SendAsync(HttpClient client, int i, long due, ConcurrentBag<(int, double)> results, Action done)
    {
        await Task.Yield();
        try
        {
            using var content = new StringContent(Notification(i), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/api/notifications/graph", content);
            results.Add(((int)response.StatusCode, Stopwatch.GetElapsedTime(due).TotalMilliseconds));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            results.Add((0, Stopwatch.GetElapsedTime(due).TotalMilliseconds));
        }
        finally
        {
            done();
        }
    }

    // Graph's change notification collection; each request names another message, so each is a new push to record.
    private static string Notification(int i)
    {
        var id = "AAMkAGBench" + i.ToString("D8", CultureInfo.InvariantCulture);
        return $$"""
            {"value":[{"subscriptionId":"{{SubscriptionId}}","subscriptionExpirationDateTime":"2026-11-23T18:23:45.9356913Z",
            "changeType":"created","resource":"Users/jonah.reyes@northwindharbor.com/Messages/{{id}}",
            "resourceData":{"@odata.type":"#Microsoft.Graph.Message","@odata.id":"Users/jonah.reyes@northwindharbor.com/Messages/{{id}}","id":"{{id}}"},
            "clientState":"{{ClientState}}","tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95"}]}
            """;
    }

    private static void Report(ConcurrentBag<(int Status, double Milliseconds)> results, int planned)
    {
        var answered = results.Where(r => r.Status > 0).Select(r => r.Milliseconds).Order().ToArray();
        var statuses = results.GroupBy(r => r.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Key switch { -1 => "skipped (in-flight cap)", 0 => "no answer", _ => g.Key.ToString(CultureInfo.InvariantCulture) }}×{g.Count()}");
        Console.WriteLine($"requests planned {planned}, sent {results.Count(r => r.Status != -1)}; statuses: {string.Join(", ", statuses)}");
        Console.WriteLine($"5xx: {results.Count(r => r.Status >= 500)}");
        if (answered.Length > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"acknowledgement latency (from the scheduled send): p50 {Percentile(answered, 0.50):F1} ms, p90 {Percentile(answered, 0.90):F1} ms, p99 {Percentile(answered, 0.99):F1} ms, max {answered[^1]:F1} ms"));
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task<string> BuildAppAsync(string root)
    {
        var project = Path.Combine(root, "src", "OpsHelm.Cli", "OpsHelm.Cli.csproj");
        var output = Path.Combine(root, "src", "OpsHelm.Cli", "bin", "Release", "net10.0");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"]) { UseShellExecute = false })!;
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {project} -c Release failed ({build.ExitCode}).");
        }
        return Path.Combine(output, "opshelm.dll");
    }

    private static async Task RegisterSubscriptionAsync(string store)
    {
        using var embedded = EmbeddedStore.Open(store, TimeProvider.System);
        await embedded.Subscriptions.SaveAsync(new ProviderSubscription
        {
            Id = SubscriptionId,
            WorkspaceId = "ws-demo",
            Provider = "Graph",
            SourceId = "jonah.reyes@northwindharbor.com",
            Resource = "users/jonah.reyes@northwindharbor.com/mailFolders('inbox')/messages",
            ClientState = ClientState,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(2),
        }, CancellationToken.None);
    }

    private static Process Start(string app, string store, string workspace, int port)
    {
        var start = new ProcessStartInfo("dotnet", [app, "serve", "--urls", $"http://127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["OpsHelm__Embedded__Directory"] = store;
        start.Environment["OpsHelm__WorkspaceConfigs__0"] = workspace;
        // An incomplete Graph credential leaves Graph unconfigured: the pulls the pushes start read nothing and ask no managed identity.
        start.Environment["Graph__Credential__Kind"] = "ClientSecret";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine("app: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient client, Process server, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the app exited with {server.ExitCode} before it answered.");
            }
            try
            {
                if ((await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the app did not answer /api/health within {timeout}.");
    }

    private static void Stop(Process server)
    {
        if (!server.HasExited)
        {
            server.Kill();
            server.WaitForExit(10_000);
        }
    }

    private static long Recorded(string store)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(store, EmbeddedStore.DatabaseFileName)};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM push_inbox";
        return (long)command.ExecuteScalar()!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsHelm.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("OpsHelm.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
