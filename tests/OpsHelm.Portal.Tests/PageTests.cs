using System.Globalization;
using System.Text.Json;

namespace OpsHelm.Portal.Tests;

/// <summary>Every page loads with the demo's data: what the page shows is checked against what the API serves.</summary>
[Collection(PortalCollection.Name)]
public sealed class PageTests(PortalApp app)
{
    private const string Demo = PortalApp.Demo;

    [Fact]
    public async Task Inbox_intelligence_shows_coverage_per_mailbox_a_chart_over_time_and_the_latest_runs()
    {
        var runs = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/runs")).EnumerateArray().ToList();
        runs.ShouldNotBeEmpty();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/inbox");
        await browser.ScreenshotAsync("inbox");

        var latest = runs.OrderByDescending(r => r.GetProperty("startedAt").GetString()).First();
        var coverage = await browser.Page.InnerTextAsync(".coverage-card[data-mailbox='jonah.reyes@northwindharbor.com']");
        coverage.ShouldContain(latest.GetProperty("coveragePercent").GetDouble().ToString(CultureInfo.InvariantCulture) + "%");
        (await browser.Page.Locator("svg.chart rect.bar").CountAsync()).ShouldBe(runs.Count);
        (await browser.Page.Locator("table.runs tbody tr").CountAsync()).ShouldBe(Math.Min(runs.Count, 20));
        var row = await browser.Page.InnerTextAsync("table.runs tbody tr");
        foreach (var category in latest.GetProperty("counts").GetProperty("perCategory").EnumerateObject())
        {
            row.ShouldContain($"{category.Name} {category.Value.GetInt32()}");
        }
        row.ShouldContain(latest.GetProperty("durationMs").GetInt64() < 1000 ? $"{latest.GetProperty("durationMs").GetInt64()} ms" : " s");
    }

    [Fact]
    public async Task A_run_opens_from_the_inbox_with_its_counts_per_category_and_exceptions_per_reason()
    {
        var run = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/runs")).EnumerateArray().First();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/inbox");
        await browser.Page.ClickAsync("table.runs tbody tr a");
        (await browser.SettledAsync()).ShouldBe("ready");
        browser.Page.Url.ShouldEndWith($"#/{Demo}/runs/{run.GetProperty("runId").GetString()}");
        await browser.ScreenshotAsync("run-detail");

        var text = await browser.Page.InnerTextAsync("main");
        foreach (var category in run.GetProperty("counts").GetProperty("perCategory").EnumerateObject())
        {
            text.ShouldContain($"{category.Name}\t{category.Value.GetInt32()}");
        }
        foreach (var reason in run.GetProperty("counts").GetProperty("exceptionsByReason").EnumerateObject())
        {
            text.ShouldContain($"{reason.Name}\t{reason.Value.GetInt32()}");
        }
    }

    [Fact]
    public async Task The_exceptions_queue_shows_every_open_exception_with_its_details_and_triage_controls()
    {
        var open = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open")).EnumerateArray().ToList();
        open.ShouldNotBeEmpty();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        await browser.ScreenshotAsync("exceptions");

        var cards = browser.Page.Locator("li.exception");
        (await cards.CountAsync()).ShouldBe(open.Count);
        foreach (var exception in open)
        {
            var card = browser.Page.Locator($"li.exception[data-exception-id='{exception.GetProperty("id").GetString()}']");
            (await card.InnerTextAsync()).ShouldContain(exception.GetProperty("details").GetString()!);
            (await card.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Resolve" }).CountAsync()).ShouldBe(1);
            (await card.GetByLabel("Assign to ticket id").CountAsync()).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Filtering_exceptions_by_reason_is_a_deep_link()
    {
        const string reason = "MissingTicketId";
        var expected = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open&reason={reason}")).GetArrayLength();
        expected.ShouldBeGreaterThan(0);
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        await browser.Page.SelectOptionAsync("#exception-reason", reason);
        await browser.Page.WaitForURLAsync($"**reason={reason}*");
        (await browser.SettledAsync()).ShouldBe("ready");
        await browser.Page.WaitForSelectorAsync($"li.exception[data-reason='{reason}']");

        var link = browser.Page.Url;
        await browser.Page.GotoAsync("about:blank");
        await browser.Page.GotoAsync(link);
        (await browser.SettledAsync()).ShouldBe("ready");
        (await browser.Page.Locator("li.exception").CountAsync()).ShouldBe(expected);
        (await browser.Page.Locator($"li.exception:not([data-reason='{reason}'])").CountAsync()).ShouldBe(0);
        (await browser.Page.InputValueAsync("#exception-reason")).ShouldBe(reason);
    }

    [Fact]
    public async Task Tickets_show_in_their_status_buckets_with_customer_priority_and_next_action()
    {
        var tickets = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/tickets")).EnumerateArray().ToList();
        tickets.ShouldNotBeEmpty();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/tickets");
        await browser.ScreenshotAsync("tickets");

        (await browser.Page.Locator("table.tickets tbody tr").CountAsync()).ShouldBe(tickets.Count);
        foreach (var ticket in tickets)
        {
            var id = ticket.GetProperty("ticketId").GetString()!;
            var row = browser.Page.Locator("table.tickets tbody tr").Filter(new() { Has = browser.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = id, Exact = true }) });
            var text = await row.InnerTextAsync();
            text.ShouldContain(ticket.GetProperty("nextAction").GetString() ?? "—");
            text.ShouldContain(ticket.GetProperty("priority").GetString() ?? "—");
            var bucket = await row.Locator("xpath=ancestor::section").Locator("h2").InnerTextAsync();
            bucket.Replace(" ", "").ShouldStartWith(ticket.GetProperty("statusBucket").GetString()!, Case.Insensitive);
        }
    }

    [Fact]
    public async Task A_ticket_shows_its_thread_of_messages()
    {
        var tickets = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/tickets")).EnumerateArray();
        var id = tickets.OrderByDescending(t => t.GetProperty("messageCount").GetInt32()).First().GetProperty("ticketId").GetString()!;
        var detail = await app.ApiAsync(Demo, $"/workspaces/{Demo}/tickets/{id}");
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/tickets/{id}");
        await browser.ScreenshotAsync("ticket-detail");

        var thread = detail.GetProperty("thread").EnumerateArray().ToList();
        (await browser.Page.Locator("ol.thread > li").CountAsync()).ShouldBe(thread.Count);
        foreach (var message in thread)
        {
            var item = browser.Page.Locator($"ol.thread > li[data-event-key='{message.GetProperty("key").GetString()}']");
            (await item.Locator(".message-text").TextContentAsync()).ShouldBe(message.GetProperty("excerpt").GetString());
        }
    }

    [Fact]
    public async Task Commitments_and_tasks_are_grouped_into_overdue_due_today_and_upcoming()
    {
        var commitments = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/commitments")).EnumerateArray().ToList();
        var tasks = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/tasks")).EnumerateArray().ToList();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/work");
        await browser.ScreenshotAsync("commitments-and-tasks");

        (await browser.Page.Locator("li.commitment").CountAsync()).ShouldBe(commitments.Count);
        (await browser.Page.Locator("li.task").CountAsync()).ShouldBe(tasks.Count);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        foreach (var commitment in commitments)
        {
            var group = await browser.Page.Locator($"li.commitment[data-key='{commitment.GetProperty("key").GetString()}']")
                .Locator("xpath=ancestor::div[@data-group]").GetAttributeAsync("data-group");
            group.ShouldBe(ExpectedGroup(commitment, zone, today));
        }
    }

    [Fact]
    public async Task Sources_show_each_mailbox_and_number_with_state_last_sync_and_incidents()
    {
        var sources = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/sources")).EnumerateArray().ToList();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/sources");
        await browser.ScreenshotAsync("sources");

        (await browser.Page.Locator("li.source").CountAsync()).ShouldBe(sources.Count);
        foreach (var source in sources)
        {
            var card = await browser.Page.InnerTextAsync($"li.source[data-source-id='{source.GetProperty("id").GetString()}']");
            card.ShouldContain("Last successful sync");
            card.ShouldContain(source.GetProperty("kind").GetString()!);
            card.ShouldContain(source.GetProperty("incidents").GetArrayLength() == 0 ? "No open incidents." : "Open incidents");
            foreach (var folder in source.GetProperty("folders").EnumerateArray())
            {
                card.ShouldContain(folder.GetProperty("folder").GetString()!);
            }
        }
    }

    // Needs GET /api/workspaces/{id}/meetings.
    [Fact]
    public async Task Meetings_list_the_demos_meetings()
    {
        var meetings = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/meetings")).EnumerateArray().Where(m => !m.GetProperty("dismissed").GetBoolean()).ToList();
        meetings.ShouldNotBeEmpty();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/meetings");
        await browser.ScreenshotAsync("meetings");

        (await browser.Page.Locator("li.meeting").CountAsync()).ShouldBe(meetings.Count);
        foreach (var meeting in meetings)
        {
            (await browser.Page.Locator($"li.meeting[data-key='{meeting.GetProperty("eventKey").GetString()}'] .subject").TextContentAsync())
                .ShouldBe(meeting.GetProperty("subject").GetString() ?? "(no subject)");
        }
    }

    // Needs GET /api/workspaces/{id}/conversations.
    [Fact]
    public async Task WhatsApp_conversations_list_the_demos_chats()
    {
        var conversations = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/conversations")).EnumerateArray().ToList();
        conversations.ShouldNotBeEmpty();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/conversations");
        await browser.ScreenshotAsync("conversations");

        (await browser.Page.Locator("li.conversation").CountAsync()).ShouldBe(conversations.Count);
        foreach (var conversation in conversations)
        {
            var card = browser.Page.Locator($"li.conversation[data-conversation-id='{conversation.GetProperty("conversationId").GetString()}']");
            (await card.Locator("li.message").CountAsync()).ShouldBe(conversation.GetProperty("messages").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_ticket_that_does_not_exist_shows_an_error_that_says_what_to_do()
    {
        await using var browser = await app.OpenAsync([Demo]);
        (await browser.GoAsync($"{Demo}/tickets/INC0000000")).ShouldBe("error");
        await browser.ScreenshotAsync("error-state");
        var text = await browser.Page.InnerTextAsync("main");
        text.ShouldContain("No ticket 'INC0000000'");
        text.ShouldContain("Pick a workspace or page from the menu");
        (await browser.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Try again" }).CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_principal_the_portal_asks_to_sign_in()
    {
        await using var browser = await app.OpenAsync([]);
        (await browser.GoAsync($"{Demo}/inbox")).ShouldBe("error");
        await browser.ScreenshotAsync("signed-out");
        (await browser.Page.InnerTextAsync("main")).ShouldContain("Sign in");
        (await browser.Page.InnerTextAsync("body")).ShouldNotContain("Northwind Harbor IT");
    }

    private static string ExpectedGroup(JsonElement item, TimeZoneInfo zone, DateOnly today)
    {
        if (item.GetProperty("status").GetString() != "Open")
        {
            return "Done";
        }
        if (item.GetProperty("due").ValueKind == JsonValueKind.Null)
        {
            return "No due date";
        }
        var due = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(item.GetProperty("due").GetDateTimeOffset(), zone).DateTime);
        return due < today ? "Overdue" : due == today ? "Due today" : "Upcoming";
    }
}
