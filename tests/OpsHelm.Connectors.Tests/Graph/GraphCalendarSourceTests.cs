using OpsHelm.Core.Workspaces;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Connectors.Tests.Graph;

public sealed class GraphCalendarSourceTests
{
    private const string Mailbox = GraphTestContext.Mailbox;

    private static JsonObject Event(string id, DateTimeOffset start, DateTimeOffset modified, bool cancelled = false, string? subject = null)
    {
        var e = (JsonObject)JsonNode.Parse(Fixture.Text("Graph/event.json"))!;
        e["id"] = id;
        e["start"]!["dateTime"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff");
        e["end"]!["dateTime"] = start.AddMinutes(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff");
        e["lastModifiedDateTime"] = modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        e["isCancelled"] = cancelled;
        if (subject is not null)
        {
            e["subject"] = subject;
        }
        return e;
    }

    private static void Seed(GraphTestContext context)
    {
        var now = GraphTestContext.Start;
        context.Graph.Calendar.Add(Mailbox, Event("upcoming", now.AddDays(2), now.AddDays(-10)));
        context.Graph.Calendar.Add(Mailbox, Event("upcoming-and-modified", now.AddDays(3), now.AddDays(-1), subject: "Quarterly review"));
        context.Graph.Calendar.Add(Mailbox, Event("cancelled", now.AddDays(4), now.AddDays(-1), cancelled: true));
        context.Graph.Calendar.Add(Mailbox, Event("past-but-modified", now.AddDays(-20), now.AddDays(-2), subject: "Post-incident call"));
        context.Graph.Calendar.Add(Mailbox, Event("old", now.AddDays(-30), now.AddDays(-29)));
    }

    [Fact]
    public async Task Upcoming_and_recently_modified_events_are_read_once_each_and_cancelled_ones_skipped()
    {
        await using var context = await GraphTestContext.StartAsync();
        Seed(context);
        var source = new GraphCalendarSource(context.Client, context.Options.Calendar, context.Health, context.Time);

        var (batches, error) = await context.ReadAllAsync(source, GraphTestContext.Workspace());

        error.ShouldBeNull();
        var batch = batches.ShouldHaveSingleItem();
        batch.Items.Select(i => i.Message!.ProviderMessageId).ShouldBe(["upcoming", "upcoming-and-modified", "past-but-modified"]);
        batch.Checkpoints.ShouldHaveSingleItem().Folder.ShouldBe("calendar");
        batch.Checkpoints[0].Checkpoint.ShouldBe("2026-03-02T12:00:00.0000000Z");
        var view = context.Graph.Requests.Single(r => r.Segments[^1] == "calendarView");
        view.Q("startDateTime").ShouldBe("2026-03-01T12:00:00Z");
        view.Q("endDateTime").ShouldBe("2026-03-16T12:00:00Z");
        view.Prefer.ShouldContain("outlook.timezone=\"UTC\"");
        context.Graph.Requests.Single(r => r.Segments[^1] == "events").Q("$filter").ShouldBe("lastModifiedDateTime ge 2026-02-23T12:00:00Z");

        var message = batch.Items[0].Message!;
        message.Kind.ShouldBe(MessageKind.CalendarEvent);
        message.Subject.ShouldBe("INC0012345 review with Contoso");
        message.BodyIsHtml.ShouldBeFalse();
        message.From!.Address.ShouldBe("MeganB@contoso.com");
        message.To.ShouldHaveSingleItem().Address.ShouldBe("ops@fabrikam-msp.com");
        message.Cc.ShouldHaveSingleItem().Address.ShouldBe("AlexW@contoso.com");
        message.Headers.Where(h => h.Name == "X-OpsHelm-Attendee").Select(h => h.Value).ShouldBe([
            "ops@fabrikam-msp.com; type=required; response=accepted",
            "AlexW@contoso.com; type=optional; response=tentativelyAccepted"]);
        message.Header("X-OpsHelm-Event-Start").ShouldBe("2026-03-04T12:00:00.0000000 UTC");
    }

    [Fact]
    public async Task A_later_run_looks_for_modifications_from_its_last_checkpoint()
    {
        await using var context = await GraphTestContext.StartAsync();
        var source = new GraphCalendarSource(context.Client, context.Options.Calendar, context.Health, context.Time);
        var (first, _) = await context.ReadAllAsync(source, GraphTestContext.Workspace());
        context.Time.Advance(TimeSpan.FromHours(6));
        context.Graph.ClearRequests();

        await context.ReadAllAsync(source, GraphTestContext.Workspace(), GraphTestContext.StatesAfter(first));

        context.Graph.Requests.Single(r => r.Segments[^1] == "events").Q("$filter").ShouldBe("lastModifiedDateTime ge 2026-03-02T11:55:00Z");
    }

    [Fact]
    public async Task Calendar_events_are_recorded_as_meeting_events_through_the_runner_and_join_the_ticket_they_name()
    {
        await using var context = await GraphTestContext.StartAsync();
        Seed(context);
        context.Graph.Calendar.Add(Mailbox, Event("bridge", GraphTestContext.Start.AddDays(1), GraphTestContext.Start.AddDays(-1), subject: "Bridge call for INC0012345"));
        using var directory = new TempDirectory();
        await using var store = EmbeddedStore.Open(directory.Path, context.Time);
        var runner = new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new MessagePipeline(new PipelineOptions(), context.Time), context.Time, NullLogger<IngestionRunner>.Instance);

        var run = await runner.RunAsync(new RunRequest
        {
            Config = new LoadedWorkspaceConfig(GraphTestContext.Workspace()),
            Source = new GraphCalendarSource(context.Client, context.Options.Calendar, context.Health, context.Time),
        }, CancellationToken.None);

        run.Status.ShouldBe("Succeeded");
        var events = await store.Records.ListEventsAsync(GraphTestContext.WorkspaceId, CancellationToken.None);
        events.Count.ShouldBe(4);
        var bridge = events.Single(e => e.ProviderMessageId == "bridge");
        (bridge.Category, bridge.TicketId).ShouldBe((Category.Meeting, "INC0012345"));
        var review = events.Single(e => e.ProviderMessageId == "upcoming");
        review.Category.ShouldBe(Category.Meeting);
        review.Folder.ShouldBe("calendar");
        review.Evidence.ShouldContain("calendar event");
        (await store.States.ListAsync(GraphTestContext.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem().Folder.ShouldBe("calendar");
    }
}
