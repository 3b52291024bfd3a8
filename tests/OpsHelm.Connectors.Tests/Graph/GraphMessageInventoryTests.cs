using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Graph;

public sealed class GraphMessageInventoryTests
{
    private const string Mailbox = GraphTestContext.Mailbox;

    [Fact]
    public async Task Ids_in_the_window_are_listed_per_folder_page_by_page_with_only_the_id_selected()
    {
        await using var context = await GraphTestContext.StartAsync();
        var now = GraphTestContext.Start;
        for (var n = 1; n <= 25; n++)
        {
            context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, now.AddDays(-n)));
        }
        context.Graph.Mail.Add(Mailbox, "Projects", GraphMessages.Create("projects", 1, now.AddDays(-2)));
        context.Graph.Mail.Add(Mailbox, "sentitems", GraphMessages.Create("sentitems", 1, now.AddDays(-3)));
        context.Graph.Mail.Add(Mailbox, "sentitems", GraphMessages.Create("sentitems", 2, now.AddDays(-40)));
        var workspace = GraphTestContext.Workspace("Projects");
        var inventory = new GraphMessageInventory(context.Client, context.Options.Mail);

        var ids = await inventory.ListIdsAsync(workspace, workspace.Mailboxes[0], new MessageWindow(now.AddDays(-20), now.AddDays(-1)), default);

        // From is inclusive (message 20, 20 days back), To exclusive (message 1, one day back).
        ids.Count.ShouldBe(19 + 1 + 1);
        ids.ShouldContain("AAMkAGU-inbox-0020=");
        ids.ShouldContain("AAMkAGU-inbox-0002=");
        ids.ShouldNotContain("AAMkAGU-inbox-0001=");
        ids.ShouldNotContain("AAMkAGU-inbox-0021=");
        ids.ShouldContain("AAMkAGU-projects-0001=");
        ids.ShouldContain("AAMkAGU-sentitems-0001=");
        var lists = context.Graph.Requests.Where(r => r.Segments.Length == 5 && r.Segments[4] == "messages").ToList();
        lists.Count.ShouldBe(2 + 1 + 1);
        lists[0].Q("$select").ShouldBe("id");
        lists[0].Q("$filter").ShouldBe("receivedDateTime ge 2026-02-10T12:00:00Z and receivedDateTime lt 2026-03-01T12:00:00Z");
        lists[0].Q("$top").ShouldBe("10");
    }

    [Fact]
    public async Task Fetched_messages_keep_their_folder_and_a_vanished_one_becomes_a_failure_item()
    {
        await using var context = await GraphTestContext.StartAsync();
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddDays(-1)));
        context.Graph.Mail.Add(Mailbox, "sentitems", GraphMessages.Create("sentitems", 1, GraphTestContext.Start.AddDays(-1)));
        var workspace = GraphTestContext.Workspace();
        var inventory = new GraphMessageInventory(context.Client, context.Options.Mail);

        var items = new List<OpsHelm.Core.Messages.SourceItem>();
        await foreach (var item in inventory.FetchAsync(workspace, workspace.Mailboxes[0], ["AAMkAGU-sentitems-0001=", "AAMkAGU-inbox-0001=", "gone"], default))
        {
            items.Add(item);
        }

        items[0].Message!.Folder.ShouldBe("sentitems");
        items[0].Message!.IsSentByUs.ShouldBeTrue();
        items[1].Message!.Folder.ShouldBe("inbox");
        items[2].Message.ShouldBeNull();
        items[2].Failure.ShouldBe($"Graph message gone of {Mailbox} no longer exists");
    }
}
