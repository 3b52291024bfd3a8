using System.Net;
using System.Text.Json;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class MeetingsTests : IAsyncLifetime
{
    // A Graph id holding '/', '+' and '=' (portal-extras.jsonl), so the route must take it escaped.
    private const string ExtrasMeeting = "Email:AAMkAGPortal/Extras+Meeting==";

    private readonly ServeApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.IngestDemoAsync();
        await _app.IngestAsync("portal-extras.jsonl");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Meetings_are_the_meeting_messages_newest_first_and_none_is_dismissed_at_first()
    {
        using var demo = _app.ClientFor("ws-demo");

        var meetings = (await ResponseJson.ReadAsync(await demo.GetAsync("/api/workspaces/ws-demo/meetings"))).EnumerateArray().ToList();

        // Six meeting messages in the demo mailbox and one in the extras.
        meetings.Count.ShouldBe(7);
        var sent = meetings.Select(m => m.GetProperty("sentAt").GetDateTimeOffset()).ToList();
        sent.ShouldBe(sent.OrderDescending().ToList());
        meetings[0].GetProperty("eventKey").GetString().ShouldBe(ExtrasMeeting);
        meetings[0].GetProperty("subject").GetString().ShouldBe("Quarterly backup restore test");
        meetings.ShouldAllBe(m => !m.GetProperty("dismissed").GetBoolean() && m.GetProperty("dismissedAt").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_dismissed_meeting_stays_dismissed_after_syncing_it_again_and_syncing_an_updated_copy()
    {
        using var demo = _app.ClientFor("ws-demo");
        var target = (await ListAsync(demo)).Last().GetProperty("eventKey").GetString()!;

        (await demo.PostAsync(DismissUrl("ws-demo", target), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await demo.PostAsync(DismissUrl("ws-demo", ExtrasMeeting), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await _app.IngestDemoAsync();
        await _app.IngestAsync("portal-extras.jsonl");
        await _app.IngestAsync("portal-meeting-updated.jsonl");

        var meetings = await ListAsync(demo);
        meetings.Where(m => m.GetProperty("dismissed").GetBoolean()).Select(m => m.GetProperty("eventKey").GetString())
            .ShouldBe([ExtrasMeeting, target], ignoreOrder: true);
        meetings.Count.ShouldBe(7);
    }

    [Fact]
    public async Task Dismissing_twice_is_harmless()
    {
        using var demo = _app.ClientFor("ws-demo");

        (await demo.PostAsync(DismissUrl("ws-demo", ExtrasMeeting), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await demo.PostAsync(DismissUrl("ws-demo", ExtrasMeeting), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await ListAsync(demo)).Count(m => m.GetProperty("dismissed").GetBoolean()).ShouldBe(1);
    }

    [Fact]
    public async Task Dismissing_an_unknown_key_or_a_message_that_is_not_a_meeting_is_404()
    {
        using var demo = _app.ClientFor("ws-demo");

        (await demo.PostAsync(DismissUrl("ws-demo", "Email:no-such-message"), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await demo.PostAsync(DismissUrl("ws-demo", "WhatsApp:wamid.PORTAL-0001"), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await ListAsync(demo)).ShouldAllBe(m => !m.GetProperty("dismissed").GetBoolean());
    }

    [Fact]
    public async Task Another_workspace_can_neither_see_nor_dismiss_the_demo_meetings()
    {
        using var other = _app.ClientFor("ws-other");
        using var anonymous = _app.CreateClient();

        (await other.GetAsync("/api/workspaces/ws-demo/meetings")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync(DismissUrl("ws-demo", ExtrasMeeting), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync(DismissUrl("ws-other", ExtrasMeeting), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.PostAsync(DismissUrl("ws-demo", ExtrasMeeting), EmptyJson())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await ListAsync(_app.ClientFor("ws-demo"))).ShouldAllBe(m => !m.GetProperty("dismissed").GetBoolean());
    }

    // State-changing routes take JSON only (415 otherwise): the portal sends an empty object.
    private static StringContent EmptyJson() => new("{}", System.Text.Encoding.UTF8, "application/json");

    private static string DismissUrl(string workspaceId, string eventKey) =>
        $"/api/workspaces/{workspaceId}/meetings/{Uri.EscapeDataString(eventKey)}/dismiss";

    private static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        (await ResponseJson.ReadAsync(await client.GetAsync("/api/workspaces/ws-demo/meetings"))).EnumerateArray().ToList();
}
