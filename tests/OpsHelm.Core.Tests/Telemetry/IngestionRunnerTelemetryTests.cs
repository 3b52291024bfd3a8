using System.Diagnostics;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Tests.Runs;
using OpsHelm.Core.Workspaces;
using static OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Telemetry;

/// <summary>The classic runner's span and run metrics, exported through real SDK providers over the embedded store.</summary>
public sealed class IngestionRunnerTelemetryTests
{
    private readonly string _workspaceId = "ws-otel-" + Guid.NewGuid().ToString("n")[..8];

    [Fact]
    public async Task A_run_is_one_span_under_its_caller_and_its_metrics_equal_the_runs_counts()
    {
        using var capture = new TelemetryCapture();
        await using var harness = new RunnerHarness();

        var run = await harness.Runner.RunAsync(Request(new PagedSource([Mail(1, 3), Mail(4, 2)])), CancellationToken.None);

        run.Status.ShouldBe("Succeeded");
        var span = capture.SpansNamed("opshelm.run").ShouldHaveSingleItem();
        span.ParentSpanId.ShouldBe(capture.Root.SpanId);
        span.Status.ShouldBe(ActivityStatusCode.Unset);
        span.GetTagItem("opshelm.workspace.id").ShouldBe(_workspaceId);
        span.GetTagItem("opshelm.run.id").ShouldBe(run.RunId);
        span.GetTagItem("opshelm.run.status").ShouldBe("Succeeded");
        span.GetTagItem("opshelm.run.fetched").ShouldBe(run.Counts.Fetched);
        var reads = capture.SpansNamed("source.read");
        reads.Count.ShouldBe(2);
        reads.ShouldAllBe(r => r.ParentSpanId == span.SpanId, "the source's calls nest under the run");

        var points = capture.Points(_workspaceId);
        var runs = points.Where(p => p.Name == "opshelm.runs").ShouldHaveSingleItem();
        runs.Value.ShouldBe(1);
        runs.Tag("opshelm.run.trigger").ShouldBe("Cli");
        runs.Tag("opshelm.run.status").ShouldBe("Succeeded");
        var duration = points.Where(p => p.Name == "opshelm.run.duration").ShouldHaveSingleItem();
        duration.Unit.ShouldBe("s");
        duration.Value.ShouldBe(1);
        var messages = points.Where(p => p.Name == "opshelm.run.messages").ToDictionary(p => (string)p.Tag("opshelm.message.category")!, p => (int)p.Value);
        messages.Values.Sum().ShouldBe(5);
        messages.ShouldBe(run.Counts.PerCategory.ToDictionary(), ignoreOrder: true);
        points.Where(p => p.Name == "opshelm.run.exceptions").Sum(p => p.Value).ShouldBe(run.Counts.Exceptions);
    }

    [Fact]
    public async Task A_failing_run_marks_its_span_failed_with_the_error_type_and_counts_as_failed()
    {
        using var capture = new TelemetryCapture();
        await using var harness = new RunnerHarness();

        await Should.ThrowAsync<InvalidOperationException>(() =>
            harness.Runner.RunAsync(Request(new PagedSource([Mail(1, 2), Mail(3, 2)], failAfterPages: 1)), CancellationToken.None));

        var span = capture.SpansNamed("opshelm.run").ShouldHaveSingleItem();
        span.Status.ShouldBe(ActivityStatusCode.Error);
        span.GetTagItem("error.type").ShouldBe(typeof(InvalidOperationException).FullName);
        span.StatusDescription!.ShouldNotContain("503", customMessage: "the exception's message stays out of the span");
        var runs = capture.Points(_workspaceId).Where(p => p.Name == "opshelm.runs").ShouldHaveSingleItem();
        runs.Tag("opshelm.run.status").ShouldBe("Failed");
        runs.Value.ShouldBe(1);
    }

    private RunRequest Request(IMessageSource source) => new()
    {
        Config = new LoadedWorkspaceConfig(Workspace with { Id = _workspaceId }),
        Source = source,
    };

    /// <summary><paramref name="count"/> messages from <paramref name="first"/>: every other one names a ServiceNow incident.</summary>
    internal static IReadOnlyList<InboundMessage> Mail(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(n => n % 2 == 0
            ? Received("quarrylane@service-now.com", $"INC00{n:D5} printer offline", "Incident assigned to you.", id: $"m-{n}")
            : Received("ops@quarrylane.com", $"Question {n}", "Could you check the VPN?", id: $"m-{n}"))];
}
