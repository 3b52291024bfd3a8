using System.CommandLine;
using System.Globalization;
using OpsHelm.Cli.Composition;
using OpsHelm.Cli.Output;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using Spectre.Console;

namespace OpsHelm.Cli.Commands;

/// <summary><c>opshelm ingest</c>: the whole runner sequence (steps 1–9) from a JSON Lines or raw-mail source into the embedded store.</summary>
internal static class IngestCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CliOptions.RequiredFile("--workspace-config", "Workspace configuration (JSON)");
        var source = CliOptions.RequiredFile("--source", "Messages to ingest: JSON Lines in the replay format, an .eml file, a folder of .eml files or an .mbox file");
        var store = CliOptions.Store();
        var since = new Option<string?>("--since") { Description = "Only messages sent on or after this date (ISO 8601)" };
        var resume = new Option<bool>("--resume")
        {
            Description = "JSON Lines: start after the last checkpoint of this file (when the file was only appended to since) instead of reading it again from the start",
        };
        var json = CliOptions.Json();
        var command = new Command("ingest", "Ingest a source into the embedded store and print the run summary") { config, source, store, since, resume, json };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(config)!, parse.GetValue(source)!, parse.GetValue(store)!, parse.GetValue(since), parse.GetValue(json), time, cancellationToken,
            parse.GetValue(resume)));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo config, FileInfo source, DirectoryInfo store, string? since, bool json, TimeProvider time, CancellationToken cancellationToken,
        bool resume = false)
    {
        DateTimeOffset? sinceDate = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return CliErrors.Fail(ExitCodes.BadInput, $"--since '{since}' is not a date (use ISO 8601, e.g. 2026-11-10)");
            }
            sinceDate = parsed;
        }
        if (!InputSource.Exists(source.FullName))
        {
            return CliErrors.Fail(ExitCodes.BadInput, $"{source.FullName}: source file not found");
        }
        try
        {
            await using var pipeline = EmbeddedPipeline.Open(store.FullName, time);
            var request = new RunRequest
            {
                Config = new WorkspaceConfigFile(config.FullName),
                Source = InputSource.For(source.FullName, resume),
                Trigger = "Cli",
                Since = sinceDate,
            };
            var terminal = Terminal.Current;
            var run = json || !terminal.Profile.Capabilities.Interactive
                ? await pipeline.Runner.RunAsync(request, cancellationToken)
                : await WithProgressAsync(terminal, pipeline.Runner, request, source, cancellationToken);
            var exceptions = await pipeline.Store.Records.ListExceptionsAsync(run.WorkspaceId, "Open", cancellationToken);
            RunSummaryPrinter.Print(run, exceptions, json);
            return ExitCodes.Ok;
        }
        catch (WorkspaceBusyException ex)
        {
            return CliErrors.Fail(ExitCodes.Busy, ex.Message);
        }
        catch (Exception ex) when (CliErrors.IsUserError(ex))
        {
            return CliErrors.Fail(ExitCodes.BadInput, ex.Message);
        }
    }

    private static async Task<Core.Records.IngestionRun> WithProgressAsync(IAnsiConsole terminal, IngestionRunner runner, RunRequest request, FileInfo source, CancellationToken cancellationToken)
    {
        var total = InputSource.CountItems(source.FullName);
        Core.Records.IngestionRun? run = null;
        await terminal.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"Ingesting {source.Name}", maxValue: Math.Max(1, total));
            run = await runner.RunAsync(request with { Progress = new Progress<int>(n => task.Value = n) }, cancellationToken);
            task.Value = task.MaxValue;
        });
        return run!;
    }
}
