using System.Diagnostics;
using System.Globalization;

namespace OpsHelm.Benchmarks.PipelineRatio;

/// <summary>
/// Steps 4–7 against the JSON floor, measured in alternating slices of a few milliseconds in one process: on a host whose
/// speed drifts (a shared 2-core machine can run the same loop at half speed a minute later), each floor slice and the
/// steps slice after it see the same machine, so the median of their ratios holds where separately timed means do not.
/// </summary>
public static class PipelineRatioBenchmark
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(20);

    /// <summary>Warms each set up, then alternates floor and steps slices for <paramref name="seconds"/> and prints the ratios.</summary>
    public static int Run(int seconds)
    {
        Console.WriteLine("set      lines  floor µs  steps µs  µs/msg  ratio (median of slices)  p25–p75      pairs");
        foreach (var set in PipelineBenchmarks.Inputs)
        {
            var bench = new PipelineBenchmarks { Set = set };
            bench.Setup();
            var lines = BenchmarkInput.Load().Single(i => i.Name == set).Lines.Length;
            // Long enough for the JIT to finish tiering the steps up: the first seconds are several times slower.
            Repeat(bench.Steps4To7, TimeSpan.FromSeconds(10));
            Repeat(bench.ParseOnly, TimeSpan.FromSeconds(2));

            var floors = new List<double>();
            var steps = new List<double>();
            var ratios = new List<double>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var floor = Repeat(bench.ParseOnly, Slice);
                var step = Repeat(bench.Steps4To7, Slice);
                floors.Add(floor);
                steps.Add(step);
                ratios.Add(step / floor);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{set,-8} {lines,5}  {Median(floors),8:F1}  {Median(steps),8:F1}  {Median(steps) / lines,6:F2}  {Median(ratios),24:F2}  {Percentile(ratios, 0.25):F2}–{Percentile(ratios, 0.75):F2}  {ratios.Count,9}"));
        }
        return 0;
    }

    // Microseconds per call of what runs for at least the given time.
    private static double Repeat(Func<int> work, TimeSpan atLeast)
    {
        var calls = 0;
        var start = Stopwatch.GetTimestamp();
        TimeSpan elapsed;
        do
        {
            work();
            calls++;
            elapsed = Stopwatch.GetElapsedTime(start);
        }
        while (elapsed < atLeast);
        return elapsed.TotalMicroseconds / calls;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(p * (sorted.Count - 1))];
    }
}
