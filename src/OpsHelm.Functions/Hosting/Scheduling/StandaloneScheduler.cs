using System.Text.Json;
using OpsHelm.Functions.Hosting.CustomHandler;

namespace OpsHelm.Functions.Hosting.Scheduling;

/// <summary>
/// Outside the Functions host, fires the timer functions on the schedules their function.json files declare (the same
/// files the host reads), invoking them as the host would. Under the host (FUNCTIONS_CUSTOMHANDLER_PORT set) it stays off.
/// </summary>
public sealed class StandaloneScheduler(IEnumerable<IInvokedFunction> functions, IConfiguration configuration, TimeProvider time, ILogger<StandaloneScheduler> logger)
    : BackgroundService
{
    /// <summary>The function.json folders: the app's own output directory.</summary>
    public static string ManifestRoot => AppContext.BaseDirectory;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!StandaloneSchedulerSettings.Enabled(configuration, Environment.GetEnvironmentVariable))
        {
            return Task.CompletedTask;
        }
        var byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var timers = TimerManifest.ReadAll(ManifestRoot).Where(t => byName.ContainsKey(t.FunctionName)).ToList();
        return Task.WhenAll(timers.Select(timer => RunAsync(timer, byName[timer.FunctionName], stoppingToken)));
    }

    private async Task RunAsync(TimerManifest timer, IInvokedFunction function, CancellationToken stoppingToken)
    {
        Logs.TimerScheduled(logger, timer.FunctionName, timer.Expression);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (timer.Schedule.NextAfter(now) is not { } next)
            {
                return;
            }
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                var request = new InvocationRequest(
                    new Dictionary<string, JsonElement> { ["timer"] = JsonSerializer.SerializeToElement(new { IsPastDue = false }) },
                    new Dictionary<string, JsonElement> { ["sys"] = JsonSerializer.SerializeToElement(new { MethodName = timer.FunctionName, UtcNow = next }) });
                await function.InvokeAsync(request, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.TimerFailed(logger, ex, timer.FunctionName);
            }
        }
    }
}
