using System.Text.Json;

namespace OpsHelm.Functions.Hosting.Scheduling;

/// <summary>A timer function as its function.json declares it: the folder name and the NCRONTAB schedule.</summary>
/// <param name="FunctionName">The function (its folder).</param>
/// <param name="Schedule">The parsed schedule.</param>
/// <param name="Expression">The schedule as written.</param>
public sealed record TimerManifest(string FunctionName, NCrontabSchedule Schedule, string Expression)
{
    /// <summary>Every timerTrigger function.json under <paramref name="root"/> (one folder per function, as the host reads them).</summary>
    public static IReadOnlyList<TimerManifest> ReadAll(string root)
    {
        var timers = new List<TimerManifest>();
        if (!Directory.Exists(root))
        {
            return timers;
        }
        // Like the host: <root>/<FunctionName>/function.json, one level deep only.
        foreach (var file in Directory.EnumerateDirectories(root).Select(d => Path.Combine(d, "function.json")).Where(File.Exists).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
            {
                if (binding.TryGetProperty("type", out var type) && type.GetString() == "timerTrigger"
                    && binding.TryGetProperty("schedule", out var schedule) && schedule.GetString() is { } expression)
                {
                    timers.Add(new TimerManifest(new DirectoryInfo(Path.GetDirectoryName(file)!).Name, NCrontabSchedule.Parse(expression), expression));
                }
            }
        }
        return timers;
    }
}
