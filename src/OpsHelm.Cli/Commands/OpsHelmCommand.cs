using System.CommandLine;
using System.Globalization;

namespace OpsHelm.Cli.Commands;

/// <summary>The <c>opshelm</c> command and its subcommands.</summary>
internal static class OpsHelmCommand
{
    public static RootCommand Create(TimeProvider time)
    {
        var root = new RootCommand("OpsHelm: keeps an MSP engineer's tickets, asks, promises and exceptions in view")
        {
            IngestCommand.Create(time),
            ReplayCommand.Create(time),
            ServeCommand.Create(),
            ListCommand.Create("runs", "Ingestion runs, newest first", time,
                (store, ws, ct) => store.ListRunsAsync(ws, 50, ct),
                ["run", "trigger", "started", "status", "fetched", "new", "exceptions", "coverage", "ms"],
                r => [r.RunId, r.Trigger, Format(r.StartedAt), r.Status, $"{r.Counts.Fetched}", $"{r.Counts.New}", $"{r.Counts.Exceptions}", $"{r.CoveragePercent:0.##}%", $"{r.DurationMs}"]),
            ListCommand.Create("exceptions", "The exception queue", time,
                (store, ws, ct) => store.ListExceptionsAsync(ws, null, ct),
                ["reason", "status", "message", "details"],
                e => [e.Reason.ToString(), e.Status, Clip(e.MessageId, 24), Clip(e.Details, 90)]),
            ListCommand.Create("tickets", "Tickets, most recently active first", time,
                (store, ws, ct) => store.ListTicketsAsync(ws, ct),
                ["ticket", "system", "customer", "priority", "status", "risk", "last customer", "last internal", "next action"],
                t => [t.TicketId, t.System.ToString(), t.Customer ?? "", t.Priority ?? "", t.StatusBucket.ToString(), string.Join(",", t.RiskFlags),
                      Format(t.LastCustomerTouch), Format(t.LastInternalTouch), t.NextAction]),
            ListCommand.Create("commitments", "Our promises, by due date", time,
                (store, ws, ct) => store.ListCommitmentsAsync(ws, ct),
                ["due", "to", "ticket", "promise", "status"],
                c => [Format(c.Due), c.Recipient ?? "", c.TicketId ?? "", Clip(c.Text, 80), c.Status]),
        };
        return root;
    }

    private static string Format(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) ?? "";

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
