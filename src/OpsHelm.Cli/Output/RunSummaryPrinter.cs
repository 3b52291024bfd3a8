using OpsHelm.Core.Records;
using Spectre.Console;

namespace OpsHelm.Cli.Output;

/// <summary>Prints step 9's summary: run id, workspace, counts, the exception summary, coverage and duration.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(IngestionRun run, IReadOnlyList<ExceptionRecord> openExceptions, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new { run, openExceptions = openExceptions.Count });
            return;
        }
        var c = run.Counts;
        var table = new Table().Border(TableBorder.Rounded).Title($"Run {run.RunId} — workspace {Markup.Escape(run.WorkspaceId)}");
        table.AddColumn("what").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("status", Markup.Escape(run.Status) + (run.Bootstrap ? " (bootstrap)" : ""));
        table.AddRow("fetched", c.Fetched.ToString());
        table.AddRow("new messages recorded", c.New.ToString());
        table.AddRow("already recorded (skipped)", c.AlreadyRecorded.ToString());
        if (c.SkippedBeforeSince > 0)
        {
            table.AddRow("before --since (skipped)", c.SkippedBeforeSince.ToString());
        }
        foreach (var (category, count) in c.PerCategory.OrderByDescending(p => p.Value))
        {
            table.AddRow($"  {category}", count.ToString());
        }
        table.AddRow("tickets created / updated", $"{c.TicketsCreated} / {c.TicketsUpdated}");
        table.AddRow("tasks created", c.TasksCreated.ToString());
        table.AddRow("commitments created", c.CommitmentsCreated.ToString());
        table.AddRow("attachments stored", c.AttachmentsStored.ToString());
        table.AddRow("new exceptions", c.Exceptions.ToString());
        foreach (var (reason, count) in c.ExceptionsByReason.OrderByDescending(p => p.Value))
        {
            table.AddRow($"  {reason}", count.ToString());
        }
        table.AddRow("open exceptions in the queue", openExceptions.Count.ToString());
        table.AddRow("coverage", $"{run.CoveragePercent:0.##}%");
        table.AddRow("duration", $"{run.DurationMs} ms");
        table.AddRow("checkpoint written", run.CheckpointWritten ? "yes" : "no");
        Terminal.Current.Write(table);
    }
}
