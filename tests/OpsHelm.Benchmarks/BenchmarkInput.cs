using OpsHelm.Connectors.Configuration;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Benchmarks;

/// <summary>The lines benchmarked: the bundled demo mailbox and the labelled samples, each with its workspace.</summary>
internal sealed record BenchmarkInput(string Name, WorkspaceConfig Workspace, string[] Lines)
{
    public static IReadOnlyList<BenchmarkInput> Load()
    {
        var root = RepositoryRoot();
        return
        [
            From("demo", Path.Combine(root, "demo", "workspace.json"), Path.Combine(root, "demo", "mailbox.jsonl")),
            From("samples", Path.Combine(root, "tests", "OpsHelm.Cli.Tests", "Fixtures", "samples", "workspace.json"),
                Path.Combine(root, "tests", "OpsHelm.Cli.Tests", "Fixtures", "samples", "messages.jsonl")),
        ];
    }

    private static BenchmarkInput From(string name, string config, string lines) => new(
        name,
        new WorkspaceConfigFile(config).LoadAsync(CancellationToken.None).GetAwaiter().GetResult(),
        File.ReadAllLines(lines).Where(l => l.Length > 0).ToArray());

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsHelm.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("run the benchmarks from inside the OpsHelm repository");
    }
}
