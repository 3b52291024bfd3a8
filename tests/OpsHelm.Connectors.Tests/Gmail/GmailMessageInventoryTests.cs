using OpsHelm.Connectors.Gmail;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Gmail;

public class GmailMessageInventoryTests
{
    [Fact]
    public async Task The_window_is_listed_with_epoch_second_bounds_over_pages_and_fetched_by_id()
    {
        await using var gmail = await GmailHarness.StartAsync(o => o.ListPageSize = 2);
        var now = DateTimeOffset.UtcNow;
        gmail.Fake.AddMessage(new FakeGmailMessage { Date = now.AddDays(-3) });
        var inside = Enumerable.Range(0, 5).Select(i => gmail.Fake.AddMessage(new FakeGmailMessage { Date = now.AddHours(-10 + i) })).ToList();
        gmail.Fake.AddMessage(new FakeGmailMessage { Date = now.AddMinutes(-1) });
        var window = new MessageWindow(now.AddHours(-11), now.AddHours(-1));
        var sut = new GmailMessageInventory(gmail.Connection);

        var ids = await sut.ListIdsAsync(gmail.Workspace, gmail.Workspace.Mailboxes[0], window, CancellationToken.None);
        var items = new List<OpsHelm.Core.Messages.SourceItem>();
        await foreach (var item in sut.FetchAsync(gmail.Workspace, gmail.Workspace.Mailboxes[0], [ids[0], "ffffffff"], CancellationToken.None))
        {
            items.Add(item);
        }

        ids.Order().ShouldBe(inside.Order());
        gmail.Fake.Requests.ShouldContain(r => r.Contains($"q=after%3A{window.From.ToUnixTimeSeconds()}%20before%3A{window.To.ToUnixTimeSeconds()}", StringComparison.Ordinal));
        gmail.Fake.Requests.Count(r => r.Contains("/messages?", StringComparison.Ordinal)).ShouldBe(3);
        items.Single().Message!.ProviderMessageId.ShouldBe(ids[0]);
    }
}
