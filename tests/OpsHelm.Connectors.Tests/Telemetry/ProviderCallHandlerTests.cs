using System.Diagnostics;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Telemetry;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Connectors.Tests.Gmail;
using OpsHelm.Connectors.Tests.Graph;
using OpsHelm.Connectors.Tests.Graph.Fake;

namespace OpsHelm.Connectors.Tests.Telemetry;

/// <summary>Provider calls made by the real clients against the fake providers: one span and one duration per HTTP attempt, with nothing of the URL but its host.</summary>
public sealed class ProviderCallHandlerTests
{
    [Fact]
    public async Task A_throttled_graph_delta_read_shows_each_attempt_with_its_status_and_no_token_or_path()
    {
        using var recorder = new ProviderCallRecorder();
        await using var context = await GraphTestContext.StartAsync();
        for (var n = 1; n <= 15; n++)
        {
            context.Graph.Mail.Add(GraphTestContext.Mailbox, "inbox", GraphMessages.Create("inbox", n, GraphTestContext.Start.AddHours(-n)));
        }
        context.Graph.Mail.AddFolder(GraphTestContext.Mailbox, "sentitems");
        context.Graph.Fail(r => r.IsDelta("inbox") && r.Q("$skiptoken") != null, 429, "TooManyRequests", retryAfter: TimeSpan.FromSeconds(3));

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        batches.SelectMany(b => b.Items).Count().ShouldBe(15);
        var calls = recorder.Calls;
        calls.Count.ShouldBe(context.Graph.Requests.Count, "one span per request Graph received");
        calls.ShouldAllBe(c => c.ParentSpanId == recorder.Root.SpanId && c.Kind == ActivityKind.Client);
        calls.ShouldAllBe(c => (string)c.GetTagItem("opshelm.provider")! == "Graph" && (string)c.GetTagItem("server.address")! == "127.0.0.1");
        var throttled = calls.Where(c => (int)c.GetTagItem("http.response.status_code")! == 429).ShouldHaveSingleItem();
        throttled.Status.ShouldBe(ActivityStatusCode.Error);
        calls.Count(c => (int)c.GetTagItem("http.response.status_code")! == 200).ShouldBe(calls.Count - 1);

        var durations = recorder.Durations;
        durations.Count.ShouldBe(calls.Count);
        durations.Count(d => (int)d.Tag("http.response.status_code")! == 429).ShouldBe(1);
        durations.ShouldAllBe(d => (string)d.Tag("opshelm.provider")! == "Graph" && (string)d.Tag("http.request.method")! == "GET" && d.Seconds >= 0);
        var everyValue = calls.SelectMany(c => c.TagObjects).Select(t => t.Value?.ToString() ?? "")
            .Concat(durations.SelectMany(d => d.Tags.Values).Select(v => v?.ToString() ?? "")).ToList();
        everyValue.ShouldNotContain(v => v.Contains("token", StringComparison.OrdinalIgnoreCase) || v.Contains('/') || v.Contains('?') || v.Contains('@'));
    }

    [Fact]
    public async Task Gmail_calls_through_the_handler_are_measured_as_gmail()
    {
        using var recorder = new ProviderCallRecorder();
        await using var gmail = await GmailHarness.StartAsync();
        gmail.Fake.AddMessage(new FakeGmailMessage { Subject = "recent" });
        using var http = new HttpClient(new ProviderCallHandler("Gmail") { InnerHandler = new SocketsHttpHandler() });
        var connection = new GmailConnection(http, new StaticGmailTokenSource(FakeGmailServer.AccessToken), gmail.Options, gmail.RetryClock.Time, gmail.RetryClock.OnRetry);

        var batches = await gmail.ReadAllAsync(new GmailHistorySource(connection, gmail.Health, TimeProvider.System));

        batches.SelectMany(b => b.Items).Count().ShouldBe(1);
        recorder.Calls.Count.ShouldBe(gmail.Fake.Requests.Count);
        recorder.Calls.ShouldAllBe(c => (string)c.GetTagItem("opshelm.provider")! == "Gmail" && (int)c.GetTagItem("http.response.status_code")! == 200);
        recorder.Durations.Count.ShouldBe(gmail.Fake.Requests.Count);
    }
}
