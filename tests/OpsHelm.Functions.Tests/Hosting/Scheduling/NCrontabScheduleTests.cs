using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Api.Hosting.CustomHandler;
using OpsHelm.Api.Hosting.Scheduling;

namespace OpsHelm.Functions.Tests.Hosting.Scheduling;

public sealed class NCrontabScheduleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 3, 10, TimeSpan.Zero);

    [Theory]
    [InlineData("0 */5 * * * *", "2026-11-21T12:05:00Z")]
    [InlineData("30 */2 * * * *", "2026-11-21T12:04:30Z")]
    [InlineData("0 0 */6 * * *", "2026-11-21T18:00:00Z")]
    [InlineData("0 15 9 * * 1-5", "2026-11-23T09:15:00Z")]
    [InlineData("10 3 12 21 11 *", "2027-11-21T12:03:10Z")]
    public void The_next_occurrence_is_the_first_matching_second_after_now(string expression, string expected) =>
        NCrontabSchedule.Parse(expression).NextAfter(At).ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("*/5 * * * *", "six-field")]
    [InlineData("0 61 * * * *", "minute")]
    [InlineData("0 0 0 0 * *", "day")]
    [InlineData("0 0 5-1 * * *", "hour")]
    [InlineData("0 0 0 * 13 *", "month")]
    [InlineData("0 0 0 * * x", "day-of-week")]
    public void A_malformed_schedule_names_the_field_that_is_wrong(string expression, string field) =>
        Should.Throw<FormatException>(() => NCrontabSchedule.Parse(expression)).Message.ShouldContain(field);

    [Fact]
    public void Every_timer_manifest_parses_and_names_a_function_the_app_runs()
    {
        using var app = new FunctionsApp();
        var functions = app.Services.GetServices<IInvokedFunction>().Select(f => f.Name).ToHashSet();

        var timers = TimerManifest.ReadAll(StandaloneScheduler.ManifestRoot);

        timers.Select(t => t.FunctionName).Order().ShouldBe(["Poll", "RenewGmailWatches", "RenewGraphSubscriptions", "Supervisor", "Sweep"]);
        timers.ShouldAllBe(t => functions.Contains(t.FunctionName));
    }
}
