using System.CommandLine;
using OpsHelm.Cli.Composition;
using OpsHelm.Cli.Output;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Core.Runs;

namespace OpsHelm.Cli.Commands;

/// <summary><c>opshelm replay</c>: steps 4–7 over a JSON Lines file or raw mail on a throw-away embedded store, one result line per input item (DESIGN §6).</summary>
internal static class ReplayCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CliOptions.RequiredFile("--workspace-config", "Workspace configuration (JSON)");
        var input = CliOptions.RequiredFile("--input", "Messages to replay: JSON Lines, an .eml file, a folder of .eml files or an .mbox file");
        var results = new Option<FileInfo>("--results") { Description = "Where to write the result lines (JSON Lines)", Required = true };
        var command = new Command("replay", "Replay messages through the pipeline and write one result line per input line") { config, input, results };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(config)!, parse.GetValue(input)!, parse.GetValue(results)!, time, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo config, FileInfo input, FileInfo results, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!InputSource.Exists(input.FullName))
        {
            return CliErrors.Fail(ExitCodes.BadInput, $"{input.FullName}: input file not found");
        }
        var scratch = Directory.CreateTempSubdirectory("opshelm-replay-");
        try
        {
            await using (var pipeline = EmbeddedPipeline.Open(scratch.FullName, time))
            {
                await using var output = results.Create();
                using var writer = new ReplayResultWriter(output);
                var request = new RunRequest
                {
                    Config = new WorkspaceConfigFile(config.FullName),
                    Source = InputSource.For(input.FullName),
                    Trigger = "Cli",
                    Observer = writer.Write,
                };
                var run = await pipeline.Runner.RunAsync(request, cancellationToken);
                Console.Error.WriteLine($"replayed {writer.Lines} lines into {results.FullName} (run {run.RunId}, {run.DurationMs} ms)");
            }
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (CliErrors.IsUserError(ex))
        {
            return CliErrors.Fail(ExitCodes.BadInput, ex.Message);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
