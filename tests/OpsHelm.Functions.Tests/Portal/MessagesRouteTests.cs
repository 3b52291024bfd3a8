using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class MessagesRouteTests : IAsyncLifetime
{
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

    private IRecordStore Records => _app.Services.GetRequiredService<IRecordStore>();

    private async Task<JsonElement> GetAsync(string path) => await ResponseJson.ReadAsync(await _app.ClientFor("ws-demo").GetAsync("/api/workspaces/ws-demo" + path));

    [Fact]
    public async Task Every_exception_carries_its_message_or_for_a_parse_failure_its_file_and_line()
    {
        var items = (await GetAsync("/exceptions")).EnumerateArray().ToList();
        var recorded = await Records.ListEventsAsync("ws-demo", CancellationToken.None);

        items.Count.ShouldBeGreaterThan(4);
        foreach (var item in items)
        {
            if (item.GetProperty("reason").GetString() == "ParseFailure")
            {
                item.GetProperty("message").ValueKind.ShouldBe(JsonValueKind.Null);
                item.GetProperty("source").GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
                item.GetProperty("source").GetProperty("file").GetString().ShouldNotBeNullOrEmpty();
                continue;
            }
            var message = item.GetProperty("message");
            var emailEvent = recorded.Single(e => e.Key == item.GetProperty("eventKey").GetString());
            message.GetProperty("subject").GetString().ShouldBe(emailEvent.Subject);
            message.GetProperty("from").GetProperty("address").GetString().ShouldBe(emailEvent.From);
            message.GetProperty("receivedAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
            message.GetProperty("category").GetString().ShouldBe(emailEvent.Category.ToString());
            var preview = message.GetProperty("preview").GetString()!;
            preview.Length.ShouldBeInRange(1, 300);
            preview.ShouldNotContain("\n");
        }
        items.Count(i => i.GetProperty("reason").GetString() == "ParseFailure").ShouldBe(2);
    }

    [Fact]
    public async Task The_sender_name_comes_from_the_message_as_read()
    {
        var items = (await GetAsync("/exceptions")).EnumerateArray().Where(i => i.GetProperty("message").ValueKind == JsonValueKind.Object).ToList();

        items.ShouldContain(i => !string.IsNullOrEmpty(i.GetProperty("message").GetProperty("from").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task An_open_exception_suggests_tickets_to_assign_with_why()
    {
        var items = (await GetAsync("/exceptions?status=Open")).EnumerateArray().ToList();
        var suggestions = items.SelectMany(i => i.GetProperty("suggestions").EnumerateArray()).ToList();

        suggestions.ShouldNotBeEmpty();
        suggestions.ShouldAllBe(s => s.GetProperty("ticketId").GetString()!.Length > 0 && s.GetProperty("why").GetString()!.Length > 0);
        var tickets = (await Records.ListTicketsAsync("ws-demo", CancellationToken.None)).Select(t => t.TicketId).ToHashSet();
        suggestions.ShouldAllBe(s => tickets.Contains(s.GetProperty("ticketId").GetString()!));
        items.ShouldAllBe(i => i.GetProperty("suggestions").GetArrayLength() <= 5);
    }

    [Fact]
    public async Task A_message_page_shows_the_evidence_fields_and_exceptions_the_store_holds()
    {
        var ticketEvent = (await Records.ListEventsAsync("ws-demo", CancellationToken.None)).First(e => e.TicketId == "INC0045123" && !e.SentByUs);

        var detail = await GetAsync("/messages/" + Uri.EscapeDataString(ticketEvent.Key));

        detail.GetProperty("message").GetProperty("eventKey").GetString().ShouldBe(ticketEvent.Key);
        detail.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()).ShouldBe(ticketEvent.Evidence);
        detail.GetProperty("category").GetString().ShouldBe(ticketEvent.Category.ToString());
        detail.GetProperty("confidence").GetDouble().ShouldBe(ticketEvent.Confidence);
        detail.GetProperty("fields").GetProperty("ticketId").GetString().ShouldBe("INC0045123");
        detail.GetProperty("ticket").GetProperty("ticketId").GetString().ShouldBe("INC0045123");
        detail.GetProperty("thread").EnumerateArray().Select(m => m.GetProperty("eventKey").GetString()).ShouldContain(ticketEvent.Key);
        detail.GetProperty("body").GetString()!.Length.ShouldBeGreaterThan(0);
        detail.GetProperty("archived").GetBoolean().ShouldBeTrue();
        detail.GetProperty("headers").GetProperty("from").GetProperty("address").GetString().ShouldBe(ticketEvent.From);
    }

    [Fact]
    public async Task A_message_with_an_exception_lists_it_with_its_status()
    {
        var exception = (await Records.ListExceptionsAsync("ws-demo", "Open", CancellationToken.None)).First(e => e.Reason != Core.Records.ExceptionReason.ParseFailure);

        var detail = await GetAsync("/messages/" + Uri.EscapeDataString(exception.EventKey));

        var listed = detail.GetProperty("exceptions").EnumerateArray().Single(e => e.GetProperty("id").GetString() == exception.Id);
        listed.GetProperty("status").GetString().ShouldBe("Open");
        listed.GetProperty("reason").GetString().ShouldBe(exception.Reason.ToString());
    }

    [Fact]
    public async Task A_promise_we_made_is_on_its_message_with_its_due_date()
    {
        var commitment = (await Records.ListCommitmentsAsync("ws-demo", CancellationToken.None)).First(c => c.Due is not null);

        var detail = await GetAsync("/messages/" + Uri.EscapeDataString(commitment.SourceEventKey));

        var promise = detail.GetProperty("promises").EnumerateArray().Single(p => p.GetProperty("text").GetString() == commitment.Text);
        promise.GetProperty("due").GetDateTimeOffset().ShouldBe(commitment.Due!.Value);
    }

    [Fact]
    public async Task An_HTML_body_is_only_ever_text_on_the_message_page()
    {
        var archive = _app.Services.GetRequiredService<IMessageArchive>();
        var events = await Records.ListEventsAsync("ws-demo", CancellationToken.None);
        string? htmlKey = null;
        foreach (var e in events)
        {
            if ((await archive.FindAsync("ws-demo", e.Key, CancellationToken.None))?.BodyIsHtml == true)
            {
                htmlKey = e.Key;
                break;
            }
        }
        htmlKey.ShouldNotBeNull("the demo mailbox has HTML bodies");

        var detail = await GetAsync("/messages/" + Uri.EscapeDataString(htmlKey));

        detail.GetProperty("bodyWasHtml").GetBoolean().ShouldBeTrue();
        var body = detail.GetProperty("body").GetString()!;
        body.ShouldNotContain("<div", Case.Insensitive);
        body.ShouldNotContain("<p>", Case.Insensitive);
        body.ShouldNotContain("<br", Case.Insensitive);
    }

    [Fact]
    public async Task Another_workspaces_message_is_a_404_like_one_that_does_not_exist()
    {
        var key = (await Records.ListEventsAsync("ws-demo", CancellationToken.None))[0].Key;
        using var other = _app.ClientFor("ws-other");
        using var anonymous = _app.CreateClient();

        (await other.GetAsync("/api/workspaces/ws-other/messages/" + Uri.EscapeDataString(key))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/api/workspaces/ws-demo/messages/" + Uri.EscapeDataString(key))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/api/workspaces/ws-demo/messages?q=INC0045123")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/workspaces/ws-demo/messages/" + Uri.EscapeDataString(key))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.ClientFor("ws-demo").GetAsync("/api/workspaces/ws-demo/messages/Email%3Ano-such")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherSearch = await ResponseJson.ReadAsync(await other.GetAsync("/api/workspaces/ws-other/messages?q=INC0045123"));
        otherSearch.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_search_finds_a_tickets_messages_by_its_id_and_a_senders_by_address()
    {
        var events = await Records.ListEventsAsync("ws-demo", CancellationToken.None);
        var byTicket = await GetAsync("/messages?q=inc0045123&limit=100");
        var sender = events.First(e => e.TicketId == "INC0045123" && !e.SentByUs).From!;
        var bySender = await GetAsync("/messages?from=" + Uri.EscapeDataString(sender) + "&limit=100");

        Keys(byTicket).ShouldBe(Newest(events.Where(e => e.TicketId == "INC0045123" || e.Subject.Contains("INC0045123", StringComparison.OrdinalIgnoreCase))));
        Keys(bySender).ShouldBe(Newest(events.Where(e => e.From!.Contains(sender, StringComparison.OrdinalIgnoreCase))));
        bySender.GetProperty("items").EnumerateArray().ShouldAllBe(m => m.GetProperty("from").GetProperty("address").GetString() == sender);
    }

    [Fact]
    public async Task Pages_of_a_search_follow_by_cursor_to_every_message_once()
    {
        var all = Newest(await Records.ListEventsAsync("ws-demo", CancellationToken.None));
        var keys = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetAsync("/messages?limit=10" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            page.GetProperty("items").GetArrayLength().ShouldBeLessThanOrEqualTo(10);
            keys.AddRange(Keys(page));
            cursor = page.GetProperty("next").GetString();
            pages++;
        }
        while (cursor is not null && pages < 50);

        keys.ShouldBe(all);
        pages.ShouldBe((all.Count + 9) / 10);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?cursor=not-a-cursor")]
    [InlineData("?category=Nonsense")]
    [InlineData("?category=1")]
    [InlineData("?since=yesterday")]
    public async Task A_search_parameter_that_is_wrong_is_a_400(string query)
    {
        var response = await _app.ClientFor("ws-demo").GetAsync("/api/workspaces/ws-demo/messages" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_search_narrows_by_category_and_time()
    {
        var events = await Records.ListEventsAsync("ws-demo", CancellationToken.None);
        var since = events[events.Count / 2].SentAt;

        Keys(await GetAsync("/messages?category=meeting&limit=100")).ShouldBe(Newest(events.Where(e => e.Category == Core.Records.Category.Meeting)));
        Keys(await GetAsync("/messages?limit=100&since=" + Uri.EscapeDataString(since.ToString("O")))).ShouldBe(Newest(events.Where(e => e.SentAt >= since)));
    }

    private static List<string> Keys(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("eventKey").GetString()!).ToList();

    private static List<string> Newest(IEnumerable<Core.Records.EmailEvent> events) =>
        events.OrderByDescending(e => e.SentAt.ToUnixTimeMilliseconds()).ThenByDescending(e => e.Key, StringComparer.Ordinal).Select(e => e.Key).ToList();
}
