using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Core.Runs;

/// <summary>Accumulates a run's counts (the fan-in of the run record).</summary>
internal sealed class RunCounter
{
    private readonly Dictionary<string, int> _perCategory = [];
    private readonly Dictionary<string, int> _exceptions = [];

    public int Fetched { get; set; }
    public int New { get; private set; }
    public int AlreadyRecorded { get; set; }
    public int SkippedBeforeSince { get; set; }
    public int TicketsCreated { get; private set; }
    public int TicketsUpdated { get; private set; }
    public int TasksCreated { get; set; }
    public int CommitmentsCreated { get; private set; }
    public int AttachmentsStored { get; set; }

    /// <summary>A counter that goes on from <paramref name="counts"/> (a run carried from page to page).</summary>
    public static RunCounter From(RunCounts counts)
    {
        var counter = new RunCounter
        {
            Fetched = counts.Fetched,
            New = counts.New,
            AlreadyRecorded = counts.AlreadyRecorded,
            SkippedBeforeSince = counts.SkippedBeforeSince,
            TicketsCreated = counts.TicketsCreated,
            TicketsUpdated = counts.TicketsUpdated,
            TasksCreated = counts.TasksCreated,
            CommitmentsCreated = counts.CommitmentsCreated,
            AttachmentsStored = counts.AttachmentsStored,
        };
        foreach (var (category, count) in counts.PerCategory)
        {
            counter._perCategory[category] = count;
        }
        foreach (var (reason, count) in counts.ExceptionsByReason)
        {
            counter._exceptions[reason] = count;
        }
        return counter;
    }

    /// <summary>Adds what one item did.</summary>
    public void Add(ItemSummary summary)
    {
        switch (summary.Disposition)
        {
            case ItemDisposition.New:
                New++;
                if (summary.Category is { } category)
                {
                    Increment(_perCategory, category.ToString());
                }
                break;
            case ItemDisposition.AlreadyRecorded:
                AlreadyRecorded++;
                break;
            case ItemDisposition.SkippedBeforeSince:
                SkippedBeforeSince++;
                break;
        }
        foreach (var reason in summary.Exceptions ?? [])
        {
            Exception(reason);
        }
        TicketsCreated += summary.TicketCreated ? 1 : 0;
        TicketsUpdated += summary.TicketUpdated ? 1 : 0;
        TasksCreated += summary.TasksCreated;
        CommitmentsCreated += summary.CommitmentsCreated;
        AttachmentsStored += summary.AttachmentsStored;
    }

    public void Exception(ExceptionReason reason) => Increment(_exceptions, reason.ToString());

    public RunCounts ToCounts() => new()
    {
        Fetched = Fetched,
        New = New,
        AlreadyRecorded = AlreadyRecorded,
        SkippedBeforeSince = SkippedBeforeSince,
        PerCategory = new Dictionary<string, int>(_perCategory),
        ExceptionsByReason = new Dictionary<string, int>(_exceptions),
        TicketsCreated = TicketsCreated,
        TicketsUpdated = TicketsUpdated,
        TasksCreated = TasksCreated,
        CommitmentsCreated = CommitmentsCreated,
        AttachmentsStored = AttachmentsStored,
    };

    /// <summary>Items in scope that have an EmailEvent, in percent.</summary>
    public double CoveragePercent()
    {
        var inScope = Fetched - SkippedBeforeSince;
        return inScope == 0 ? 100 : Math.Round(100.0 * (New + AlreadyRecorded) / inScope, 2);
    }

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
