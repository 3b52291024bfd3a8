using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsHelm.Functions.Tests.EndToEnd;
using OpsHelm.Functions.Tests.Infra;

namespace OpsHelm.Functions.Tests.Inbound;

/// <summary>
/// The README's portal recipe as written: the CLI ingests the demo into <c>.opshelm</c>, then the standalone host
/// (<c>opshelm serve</c>, see <see cref="AppProcess"/>) starts on the same store with the README's settings and no provider
/// settings at all. (The portal's static build is left out: it is not what the recipe's back end depends on.) A pull then
/// succeeds, and every source says why it is not read.
/// </summary>
public sealed class ReadmePortalRecipeTests
{
    [Fact]
    public async Task The_CLI_ingest_then_the_app_on_the_same_store_without_Graph_settings_serves_the_demo_and_a_pull_succeeds()
    {
        var root = Path.Combine(Path.GetTempPath(), "opshelm-readme-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(root);
        try
        {
            var (exitCode, output) = await RunCliAsync(root, "ingest", "--workspace-config", RepositoryRoot.File("demo/workspace.json"),
                "--source", RepositoryRoot.File("demo/mailbox.jsonl"));
            exitCode.ShouldBe(0, output);

            var port = AppProcess.FreePort();
            using var app = await AppProcess.StartAsync(port, new Dictionary<string, string>
            {
                ["OpsHelm__WorkspaceConfigs__0"] = RepositoryRoot.File("demo/workspace.json"),
                ["OpsHelm__Embedded__Directory"] = Path.Combine(root, ".opshelm"),
                ["OpsHelm__DevelopmentPrincipal__Enabled"] = "true",
                ["OpsHelm__DevelopmentPrincipal__Workspaces__0"] = "ws-demo",
                ["OpsHelm__Portal__Directory"] = "off",
            }, root);
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

            (await http.GetFromJsonAsync<JsonElement>("/api/workspaces/ws-demo/tickets")).GetArrayLength().ShouldBeGreaterThan(0);
            var pull = await http.PostAsync("/api/workspaces/ws-demo/ingest", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            pull.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var runId = (await pull.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
            var run = await WaitForRunAsync(http, runId!, app);
            run.GetProperty("status").GetString().ShouldBe("Succeeded", run.ToString());
            var sources = await http.GetFromJsonAsync<JsonElement>("/api/workspaces/ws-demo/sources");
            foreach (var source in sources.EnumerateArray())
            {
                var health = source.GetProperty("health");
                health.GetProperty("state").GetString().ShouldBe("NotConfigured", source.ToString());
                health.GetProperty("lastError").GetString().ShouldNotBeNull().ShouldStartWith("not configured: ");
            }
            var graph = sources.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "Graph");
            graph.GetProperty("health").GetProperty("lastError").GetString().ShouldBe("not configured: no Graph:Credential settings");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // The killed app may hold the database for a moment; the temp folder is cleaned later.
            }
        }
    }

    private static async Task<JsonElement> WaitForRunAsync(HttpClient http, string runId, AppProcess app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement run;
        do
        {
            // 202 answers before the run's first page records it: until then the run is not found.
            using var response = await http.GetAsync($"/api/workspaces/ws-demo/runs/{runId}");
            run = response.StatusCode == HttpStatusCode.NotFound ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
            if (run.ValueKind == JsonValueKind.Object && run.GetProperty("status").GetString() != "Running")
            {
                return run;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"run {runId} still Running after 60 s: {run}\n{app.Output}");
    }

    // The CLI as the README runs it (dotnet run builds then runs this same opshelm.dll), from the given working directory.
    private static async Task<(int ExitCode, string Output)> RunCliAsync(string workingDirectory, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "opshelm.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
