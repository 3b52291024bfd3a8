using Microsoft.Playwright;

namespace OpsHelm.Portal.Tests;

/// <summary>Triage by keyboard and in bulk, on an app of its own (it changes the queue).</summary>
public sealed class KeyboardTriageTests(TriageApp app) : IClassFixture<TriageApp>
{
    private const string Demo = PortalApp.Demo;

    private async Task<int> IndexOfAsync(BrowserPage browser, string id) =>
        await browser.Page.EvaluateAsync<int>("id => [...document.querySelectorAll('li.exception')].findIndex(li => li.dataset.exceptionId === id)", id);

    private static async Task PressAsync(BrowserPage browser, string key, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            await browser.Page.Keyboard.PressAsync(key);
        }
    }

    // The card leaves the queue once the API took the action; if the API refused, the card says why, and so does the test.
    private static async Task GoneAsync(BrowserPage browser, string id)
    {
        var card = $"li.exception[data-exception-id='{id}']";
        await browser.Page.WaitForFunctionAsync("sel => !document.querySelector(sel) || document.querySelector(sel + ' .feedback')?.textContent",
            card, new() { Timeout = 10000 });
        if (await browser.Page.Locator(card).CountAsync() > 0)
        {
            throw new ShouldAssertException($"The action was refused; the page says: {await browser.Page.Locator(card + " .feedback").TextContentAsync()}");
        }
    }

    private async Task<string> StatusAsync(string id) =>
        (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions")).EnumerateArray()
            .Single(e => e.GetProperty("id").GetString() == id).GetProperty("status").GetString()!;

    [Fact]
    public async Task J_moves_to_a_card_and_r_resolves_it()
    {
        var id = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open&reason=AttachmentRejected")).EnumerateArray().First().GetProperty("id").GetString()!;
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");

        await PressAsync(browser, "j", await IndexOfAsync(browser, id) + 1);
        (await browser.Page.GetAttributeAsync("li.exception.current", "data-exception-id")).ShouldBe(id);
        await PressAsync(browser, "r");
        await GoneAsync(browser, id);

        (await StatusAsync(id)).ShouldBe("Resolved");
    }

    [Fact]
    public async Task A_focuses_the_assign_field_whose_suggestion_is_assigned_with_enter()
    {
        var missing = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open")).EnumerateArray()
            .First(e => e.GetProperty("reason").GetString() == "MissingTicketId" && e.GetProperty("suggestions").GetArrayLength() > 0);
        var id = missing.GetProperty("id").GetString()!;
        var suggested = missing.GetProperty("suggestions")[0].GetProperty("ticketId").GetString()!;
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        var card = browser.Page.Locator($"li.exception[data-exception-id='{id}']");
        (await card.Locator("button.suggestion").First.InnerTextAsync()).ShouldBe(suggested);
        (await card.Locator(".suggestions .why").First.InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();

        await PressAsync(browser, "j", await IndexOfAsync(browser, id) + 1);
        await PressAsync(browser, "a");
        (await browser.Page.EvaluateAsync<string>("() => document.activeElement.name")).ShouldBe("ticketId");
        await browser.Page.Keyboard.TypeAsync(suggested);
        await PressAsync(browser, "Enter");
        await GoneAsync(browser, id);

        var triaged = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Resolved")).EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        triaged.GetProperty("resolution").GetString().ShouldBe($"assigned to {suggested}");
    }

    [Fact]
    public async Task Question_mark_shows_the_keys_and_typing_in_a_field_triages_nothing()
    {
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        var before = await browser.Page.Locator("li.exception").CountAsync();

        await PressAsync(browser, "?");
        (await browser.Page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" }).IsVisibleAsync()).ShouldBeTrue();
        await PressAsync(browser, "Escape");
        (await browser.Page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" }).IsVisibleAsync()).ShouldBeFalse();
        await browser.Page.Locator("li.exception").First.GetByLabel("Note (optional)").FillAsync("");
        await browser.Page.Locator("li.exception").First.GetByLabel("Note (optional)").PressSequentiallyAsync("draft");
        await browser.Page.WaitForTimeoutAsync(500);

        (await browser.Page.Locator("li.exception").CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Bulk_dismiss_asks_once_and_dismisses_every_selected_exception()
    {
        var ids = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open&reason=ParseFailure")).EnumerateArray()
            .Select(e => e.GetProperty("id").GetString()!).Take(2).ToList();
        ids.Count.ShouldBe(2);
        await using var browser = await app.OpenAsync([Demo]);
        browser.AcceptDialogs = true;
        await browser.ReadyAsync($"{Demo}/exceptions");

        foreach (var id in ids)
        {
            await browser.Page.Locator($"li.exception[data-exception-id='{id}'] input.select").CheckAsync();
        }
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Dismiss selected" }).ClickAsync();
        foreach (var id in ids)
        {
            await GoneAsync(browser, id);
        }

        browser.Dialogs.Count.ShouldBe(1);
        browser.Dialogs[0].ShouldContain("Dismiss 2 exceptions");
        foreach (var id in ids)
        {
            (await StatusAsync(id)).ShouldBe("Dismissed");
        }
    }
}
