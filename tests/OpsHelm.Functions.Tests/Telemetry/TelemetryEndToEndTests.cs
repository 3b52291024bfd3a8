using System.Net;
using System.Text;
using OpsHelm.Connectors.Tests.Graph.Fake;
using OpsHelm.Core.Records;
using OpsHelm.Functions.Tests.EndToEnd;

namespace OpsHelm.Functions.Tests.Telemetry;

/// <summary>
/// The app as a real process exporting OTLP/HTTP protobuf to a fake collector on loopback: after a webhook and the run it
/// starts, the collector holds the spans (walked from the protobuf, parent ids included) and the metric points, and no
/// token. The export intervals are short; the test waits for what it expects, not for a time.
/// </summary>
[Collection(nameof(EndToEndCollection))]
public sealed class TelemetryEndToEndTests
{
    private const string VerifyToken = "verify-token-that-must-not-be-exported";

    [Fact]
    public async Task A_graph_push_run_and_its_webhook_arrive_at_the_collector_as_spans_and_metrics()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var e2e = await GraphEndToEnd.StartAsync(pageSize: 10);
        e2e.ExtraSettings["OpsHelm__Telemetry__OtlpEndpoint"] = collector.BaseUrl;
        e2e.ExtraSettings["OpsHelm__Telemetry__ServiceName"] = "opshelm-e2e";
        e2e.ExtraSettings["OpsHelm__Telemetry__MetricExportInterval"] = "00:00:00.500";
        e2e.ExtraSettings["OpsHelm__Telemetry__TraceExportDelay"] = "00:00:00.200";
        e2e.ExtraSettings["WhatsApp__AppSecret"] = "whatsapp-app-secret";
        e2e.ExtraSettings["WhatsApp__VerifyToken"] = VerifyToken;
        var ids = e2e.AddMessages(30);
        await e2e.StartAppAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (await e2e.CreateSubscriptionsAsync(http))
        {
        }

        (await http.PostAsync(e2e.BaseUrl + "/api/notifications/graph", e2e.Notification(ids[^1]))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await http.GetAsync(e2e.BaseUrl + $"/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var run = (await e2e.WaitForRunsAsync(http, r => r.Any(x => x is { Trigger: "Push", Status: "Succeeded" }), TimeSpan.FromSeconds(120)))
            .Single(r => r.Trigger == "Push");
        run.Counts.Fetched.ShouldBe(30);

        var (spans, points) = await WaitForExportAsync(collector, e2e, run);

        var pull = spans.Single(s => s.Name == "opshelm.ingestion.pull_page" && s.Attributes.GetValueOrDefault("opshelm.run.id") == run.RunId);
        pull.Attributes["opshelm.run.trigger"].ShouldBe("Push");
        pull.Attributes["opshelm.pull.items"].ShouldBe("30");
        var deltaReads = spans.Where(s => s.Name == "opshelm.provider.call" && s.ParentSpanId == pull.SpanId && s.TraceId == pull.TraceId).ToList();
        deltaReads.Count.ShouldBeGreaterThanOrEqualTo(3, "30 messages at 10 a page: the Graph calls of the pull nest under it");
        deltaReads.ShouldAllBe(s => s.Attributes["opshelm.provider"] == "Graph" && s.Attributes["http.response.status_code"] == "200");
        var items = spans.Where(s => s.Name == "opshelm.ingestion.process_message" && s.Attributes.GetValueOrDefault("opshelm.run.id") == run.RunId).ToList();
        items.Count.ShouldBe(30);
        items.ShouldAllBe(s => s.Attributes["opshelm.message.outcome"] == "Done" && s.StatusCode == 0);
        spans.Single(s => s.Name == "opshelm.run.finalize" && s.Attributes.GetValueOrDefault("opshelm.run.id") == run.RunId)
            .Attributes["opshelm.run.status"].ShouldBe("Succeeded");
        spans.ShouldContain(s => s.Attributes.GetValueOrDefault("opshelm.webhook") == "GraphNotifications", "the request span of the webhook is tagged with it");

        Last(points, "opshelm.webhook.duration", ("opshelm.provider", "Graph"), ("opshelm.webhook", "GraphNotifications"), ("http.response.status_code", "202"))
            .ShouldBe(1);
        Last(points, "opshelm.webhook.duration", ("opshelm.provider", "WhatsApp"), ("opshelm.webhook", "WhatsAppVerification"), ("http.response.status_code", "200"))
            .ShouldBe(1);
        Last(points, "opshelm.runs", ("opshelm.run.trigger", "Push"), ("opshelm.run.status", "Succeeded")).ShouldBe(1);
        Last(points, "opshelm.messages.processed", ("opshelm.message.outcome", "Done")).ShouldBe(30);
        Last(points, "opshelm.pull.items", ("opshelm.run.trigger", "Push")).ShouldBe(30);
        points.ShouldContain(p => p.Metric == "opshelm.provider.call.duration" && p.Attributes.GetValueOrDefault("opshelm.provider") == "Graph");
        Otlp.Resources(collector.Traces).ShouldAllBe(r => r["service.name"] == "opshelm-e2e");
        collector.Refused.ShouldBeEmpty();

        var everything = collector.Traces.Concat(collector.Metrics).Select(b => Encoding.UTF8.GetString(b)).ToList();
        everything.ShouldNotContain(b => b.Contains(FakeGraphServer.Token, StringComparison.Ordinal), "the bearer token is never exported");
        everything.ShouldNotContain(b => b.Contains(VerifyToken, StringComparison.Ordinal), "the webhook's verify token is never exported");
        var deltaUrls = spans.Select(s => s.Attributes.GetValueOrDefault("url.full")).OfType<string>().Where(u => u.Contains("/delta", StringComparison.Ordinal)).ToList();
        deltaUrls.ShouldNotBeEmpty("HttpClient's own spans of the delta reads are exported");
        deltaUrls.ShouldAllBe(u => !u.Contains("token=", StringComparison.OrdinalIgnoreCase), "HttpClient's spans leave the query out");
        everything.ShouldNotContain(b => b.Contains("skiptoken=", StringComparison.OrdinalIgnoreCase) || b.Contains("deltatoken=", StringComparison.OrdinalIgnoreCase),
            "no delta link query is exported");
    }

    /// <summary>Waits until the collector holds the run's pull, items and finalization and its metrics; fails with what did arrive.</summary>
    private static async Task<(IReadOnlyList<Otlp.Span> Spans, IReadOnlyList<Otlp.Point> Points)> WaitForExportAsync(FakeOtlpCollector collector, GraphEndToEnd e2e, IngestionRun run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IReadOnlyList<Otlp.Span> spans = [];
        IReadOnlyList<Otlp.Point> points = [];
        while (DateTime.UtcNow < deadline)
        {
            spans = Otlp.Spans(collector.Traces);
            points = Otlp.Points(collector.Metrics);
            if (spans.Count(s => s.Name == "opshelm.ingestion.process_message" && s.Attributes.GetValueOrDefault("opshelm.run.id") == run.RunId) == 30
                && spans.Any(s => s.Name == "opshelm.run.finalize" && s.Attributes.GetValueOrDefault("opshelm.run.id") == run.RunId)
                && Last(points, "opshelm.messages.processed", ("opshelm.message.outcome", "Done")) == 30
                && Last(points, "opshelm.runs", ("opshelm.run.status", "Succeeded")) == 1)
            {
                return (spans, points);
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The collector did not receive the run's telemetry in 60 s: spans {string.Join(", ", spans.Select(s => s.Name).Distinct())}; " +
            $"metrics {string.Join(", ", points.Select(p => p.Metric).Distinct())}; refused {string.Join("; ", collector.Refused)}\n{e2e.App?.Output}");
    }

    /// <summary>The newest cumulative value of the series of <paramref name="metric"/> carrying <paramref name="tags"/> (0 when none arrived).</summary>
    private static double Last(IReadOnlyList<Otlp.Point> points, string metric, params (string Key, string Value)[] tags) =>
        points.LastOrDefault(p => p.Metric == metric && tags.All(t => p.Attributes.GetValueOrDefault(t.Key) == t.Value))?.Value ?? 0;
}
