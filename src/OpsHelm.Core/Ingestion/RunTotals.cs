using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;

namespace OpsHelm.Core.Ingestion;

/// <summary>Adds what a page's messages did to a run's counts (the fan-in), as a pure function both drivers share.</summary>
public static class RunTotals
{
    /// <summary><paramref name="counts"/> with <paramref name="fetched"/> more items and <paramref name="summaries"/> added.</summary>
    public static RunCounts Add(RunCounts counts, int fetched, IEnumerable<ItemSummary> summaries)
    {
        var counter = RunCounter.From(counts);
        counter.Fetched += fetched;
        foreach (var summary in summaries)
        {
            counter.Add(summary);
        }
        return counter.ToCounts();
    }

    /// <summary>Items in scope that have an EmailEvent, in percent.</summary>
    public static double CoveragePercent(RunCounts counts) => RunCounter.From(counts).CoveragePercent();
}
