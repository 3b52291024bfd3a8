using Microsoft.Playwright;

namespace OpsHelm.Portal.Tests;

/// <summary>Triage from the portal: exceptions resolved, dismissed or assigned a ticket; meetings dismissed. Needs the triage and meetings routes.</summary>
public sealed class TriageTests(TriageApp app) : IClassFixture<TriageApp>
{
    private const string Demo = PortalApp.Demo;

    // Needs POST …/exceptions/{id}/assign.
    [Fact]
    public async Task An_exception_assigned_a_ticket_in_the_UI_leaves_the_open_queue_and_its_ticket_appears()
    {
        const string ticketId = "INC0077001";
        var missing = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open&reason=MissingTicketId")).EnumerateArray().First();
        var id = missing.GetProperty("id").GetString()!;
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        var card = browser.Page.Locator($"li.exception[data-exception-id='{id}']");
        await card.GetByLabel("Assign to ticket id").FillAsync(ticketId);
        await card.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await GoneAsync(browser, $"li.exception[data-exception-id='{id}']");
        (await browser.SettledAsync()).ShouldBe("ready");
        await browser.ScreenshotAsync("exception-assigned");

        await browser.ReadyAsync($"{Demo}/tickets");
        (await browser.Page.GetByRole(AriaRole.Link, new() { Name = ticketId, Exact = true }).CountAsync()).ShouldBe(1);
        await browser.ReadyAsync($"{Demo}/exceptions?status=Resolved");
        (await browser.Page.Locator($"li.exception[data-exception-id='{id}']").CountAsync()).ShouldBe(1);
    }

    // Needs POST …/exceptions/{id}/resolve.
    [Fact]
    public async Task An_exception_resolved_in_the_UI_leaves_the_open_queue_and_shows_as_resolved()
    {
        var id = await OpenExceptionAsync("AttachmentRejected");
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        var card = browser.Page.Locator($"li.exception[data-exception-id='{id}']");
        await card.GetByLabel("Note (optional)").FillAsync("Photo re-sent by the customer");
        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await GoneAsync(browser, $"li.exception[data-exception-id='{id}']");

        await browser.ReadyAsync($"{Demo}/exceptions?status=Resolved");
        (await browser.Page.Locator($"li.exception[data-exception-id='{id}'][data-status='Resolved']").CountAsync()).ShouldBe(1);
    }

    // Needs POST …/exceptions/{id}/dismiss.
    [Fact]
    public async Task An_exception_dismissed_in_the_UI_shows_under_the_dismissed_filter()
    {
        var id = await OpenExceptionAsync("ParseFailure");
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        await browser.Page.Locator($"li.exception[data-exception-id='{id}']").GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await GoneAsync(browser, $"li.exception[data-exception-id='{id}']");

        await browser.Page.SelectOptionAsync("#exception-status", "Dismissed");
        await browser.Page.WaitForSelectorAsync($"li.exception[data-exception-id='{id}'][data-status='Dismissed']");
        browser.Page.Url.ShouldContain("status=Dismissed");
    }

    // Needs GET …/meetings and POST …/meetings/{eventKey}/dismiss.
    [Fact]
    public async Task A_dismissed_meeting_stays_dismissed()
    {
        var meeting = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/meetings")).EnumerateArray().First(m => !m.GetProperty("dismissed").GetBoolean());
        var key = meeting.GetProperty("eventKey").GetString()!;
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/meetings");
        await browser.Page.Locator($"li.meeting[data-key='{key}']").GetByRole(AriaRole.Button).ClickAsync();
        await GoneAsync(browser, $"li.meeting[data-key='{key}']");

        await browser.ReadyAsync($"{Demo}/meetings?dismissed=1");
        (await browser.Page.Locator($"li.meeting[data-key='{key}'][data-dismissed='true']").CountAsync()).ShouldBe(1);
        (await app.ApiAsync(Demo, $"/workspaces/{Demo}/meetings")).EnumerateArray()
            .Single(m => m.GetProperty("eventKey").GetString() == key).GetProperty("dismissed").GetBoolean().ShouldBeTrue();
    }

    // The card leaves the list once the API took the action; if the API refused, the card says why, and so does the test.
    private static async Task GoneAsync(BrowserPage browser, string card)
    {
        await browser.Page.WaitForFunctionAsync("sel => !document.querySelector(sel) || document.querySelector(sel + ' .feedback')?.textContent",
            card, new() { Timeout = 10000 });
        var left = browser.Page.Locator(card);
        if (await left.CountAsync() > 0)
        {
            await browser.ScreenshotAsync("triage-refused");
            throw new ShouldAssertException($"The action was refused; the page says: {await left.Locator(".feedback").TextContentAsync()}");
        }
    }

    private async Task<string> OpenExceptionAsync(string reason) =>
        (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open&reason={reason}")).EnumerateArray().First().GetProperty("id").GetString()!;
}
