using System.Text.Json;
using Microsoft.Playwright;

namespace OpsHelm.Portal.Tests;

/// <summary>Triage from the queue alone (issue 18): each card shows its message, the message page shows why, the header searches.</summary>
[Collection(PortalCollection.Name)]
public sealed class MessageTriageTests(PortalApp app)
{
    private const string Demo = PortalApp.Demo;
    private const string Other = PortalApp.Other;

    [Fact]
    public async Task Every_open_exception_card_shows_a_subject_or_file_and_line_a_sender_and_a_preview()
    {
        var open = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/exceptions?status=Open")).EnumerateArray().ToList();
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        await browser.ScreenshotAsync("exceptions-with-messages");

        var cards = browser.Page.Locator("li.exception");
        (await cards.CountAsync()).ShouldBe(open.Count);
        foreach (var item in open)
        {
            var card = browser.Page.Locator($"li.exception[data-exception-id='{item.GetProperty("id").GetString()}']");
            var subject = (await card.Locator("h3.subject").InnerTextAsync()).Trim();
            var sender = (await card.Locator("p.sender").InnerTextAsync()).Trim();
            if (item.GetProperty("reason").GetString() == "ParseFailure")
            {
                var source = item.GetProperty("source");
                subject.ShouldContain($"line {source.GetProperty("line").GetInt32()}");
                subject.ShouldContain(source.GetProperty("file").GetString()!);
                continue;
            }
            var message = item.GetProperty("message");
            subject.ShouldBe(message.GetProperty("subject").GetString()!.Trim());
            sender.ShouldContain(message.GetProperty("from").GetProperty("address").GetString()!);
            var preview = (await card.Locator(".preview").InnerTextAsync()).Trim();
            preview.ShouldBe(message.GetProperty("preview").GetString()!.Trim());
            preview.Length.ShouldBeInRange(1, 300);
        }
    }

    [Fact]
    public async Task The_message_page_reached_from_the_queue_shows_the_evidence_lines_the_API_returns()
    {
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");
        var card = browser.Page.Locator("li.exception:has(a.open-message)").First;
        var eventKey = await card.EvaluateAsync<string>("el => el.querySelector('a.open-message').getAttribute('href')");
        await card.Locator("a.open-message").ClickAsync();
        (await browser.SettledAsync()).ShouldBe("ready");
        var key = await browser.Page.GetAttributeAsync(".message-page", "data-event-key");
        eventKey.ShouldContain(Uri.EscapeDataString(key!));
        var detail = await app.ApiAsync(Demo, $"/workspaces/{Demo}/messages/{Uri.EscapeDataString(key!)}");
        await browser.ScreenshotAsync("message-page");

        var shown = await browser.Page.Locator("li.evidence-line").AllInnerTextsAsync();
        shown.Select(s => s.Trim()).ShouldBe(detail.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()!.Trim()));
        (await browser.Page.Locator("section.panel h2").AllInnerTextsAsync()).ShouldContain("Why OpsHelm decided this");
        (await browser.Page.Locator(".decision").InnerTextAsync()).ShouldContain(detail.GetProperty("category").GetString()!);
        var exceptions = browser.Page.Locator(".message-exceptions li");
        (await exceptions.CountAsync()).ShouldBe(detail.GetProperty("exceptions").GetArrayLength());
        (await browser.Page.Locator(".message-text.body").InnerTextAsync()).Trim().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_ticket_threads_messages_and_the_tasks_link_to_their_message_pages()
    {
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/tickets/INC0045123");
        await browser.Page.Locator("ol.thread a.open-message").First.ClickAsync();
        (await browser.SettledAsync()).ShouldBe("ready");
        (await browser.Page.Locator(".message-page").CountAsync()).ShouldBe(1);

        await browser.ReadyAsync($"{Demo}/work");
        (await browser.Page.Locator("a.open-message").CountAsync()).ShouldBeGreaterThan(0);
        await browser.Page.Locator("a.open-message").First.ClickAsync();
        (await browser.SettledAsync()).ShouldBe("ready");
        (await browser.Page.Locator("li.evidence-line").CountAsync()).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("INC0045123")]
    [InlineData("from-address")]
    public async Task The_header_search_finds_a_tickets_messages_by_id_and_a_senders_by_address(string term)
    {
        if (term == "from-address")
        {
            var ticketPage = await app.ApiAsync(Demo, $"/workspaces/{Demo}/messages?ticket=INC0045123&limit=1");
            term = ticketPage.GetProperty("items")[0].GetProperty("from").GetProperty("address").GetString()!;
        }
        var expected = await app.ApiAsync(Demo, $"/workspaces/{Demo}/messages?q={Uri.EscapeDataString(term)}&limit=25");
        await using var browser = await app.OpenAsync([Demo]);
        await browser.ReadyAsync($"{Demo}/exceptions");

        await browser.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search messages" }).FillAsync(term);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await browser.Page.WaitForURLAsync(url => url.Contains("/messages?q="));
        (await browser.SettledAsync()).ShouldBe("ready");

        var keys = await browser.Page.Locator("li.message-result").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.eventKey)");
        var items = expected.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        keys.ShouldBe(items.Select(i => i.GetProperty("eventKey").GetString()!));
        if (term.Contains('@'))
        {
            (await browser.Page.Locator("li.message-result p.sender").AllInnerTextsAsync()).ShouldAllBe(s => s.Contains(term));
        }
        else
        {
            items.ShouldAllBe(i => i.GetProperty("ticketId").GetString() == term || i.GetProperty("subject").GetString()!.Contains(term));
        }
    }

    [Fact]
    public async Task A_right_to_left_override_in_a_subject_sender_or_file_name_is_isolated_and_shown_not_applied()
    {
        await using var browser = await app.OpenAsync([Other]);
        await browser.ReadyAsync($"{Other}/exceptions");
        await browser.ScreenshotAsync("bidi-override");
        var card = browser.Page.Locator("li.exception[data-reason='AttachmentRejected']");
        (await card.CountAsync()).ShouldBe(1);

        var main = await browser.Page.Locator("main").InnerTextAsync();
        main.ShouldNotContain("\u202E");
        var subject = card.Locator("h3.subject bdi");
        (await subject.InnerTextAsync()).ShouldBe("Invoice invoice_⟨U+202E⟩fdp.exe attached");
        (await subject.EvaluateAsync<string>("el => getComputedStyle(el).unicodeBidi")).ShouldBe("isolate");
        (await card.Locator(".details").InnerTextAsync()).ShouldContain("passwd⟨U+202E⟩txt.exe");
        (await card.Locator(".details").EvaluateAsync<string>("el => getComputedStyle(el).unicodeBidi")).ShouldBe("isolate");
        (await card.Locator(".party-name").InnerTextAsync()).ShouldBe("Billing ⟨U+202E⟩Desk");
        // Rendered left to right as written: "passwd" comes before "txt.exe" on screen, not after a reversed "exe.txt".
        var order = await card.Locator(".details").EvaluateAsync<JsonElement>("""
            el => {
              const text = el.firstChild; const s = text.textContent;
              const at = (needle) => { const r = document.createRange(); const i = s.indexOf(needle); r.setStart(text, i); r.setEnd(text, i + needle.length); return r.getBoundingClientRect().left; };
              return { passwd: at('passwd'), txt: at('txt.exe') };
            }
            """);
        order.GetProperty("passwd").GetDouble().ShouldBeLessThan(order.GetProperty("txt").GetDouble());

        await card.Locator("a.open-message").ClickAsync();
        (await browser.SettledAsync()).ShouldBe("ready");
        (await browser.Page.Locator("main").InnerTextAsync()).ShouldNotContain("\u202E");
        (await browser.Page.Locator(".attachments bdi, .message-page h2.subject bdi").CountAsync()).ShouldBeGreaterThan(0);
        browser.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_hostile_message_page_runs_nothing_and_shows_markup_as_text()
    {
        var key = (await app.ApiAsync(Other, $"/workspaces/{Other}/messages?q=INC0098765")).GetProperty("items")[0].GetProperty("eventKey").GetString()!;
        await using var browser = await app.OpenAsync([Other]);
        await browser.ReadyAsync($"{Other}/messages/{Uri.EscapeDataString(key)}");
        await browser.Page.WaitForTimeoutAsync(300);

        (await browser.Page.EvaluateAsync<JsonElement>("() => window.__opshelmXss ?? null")).ValueKind.ShouldBe(JsonValueKind.Null);
        (await browser.Page.Locator("main img, main script, main iframe").CountAsync()).ShouldBe(0);
        (await browser.Page.Locator(".message-text.body").InnerTextAsync()).ShouldContain("<script>window.__opshelmXss='script';alert('xss')</script>");
        (await browser.Page.Locator("h2.subject").InnerTextAsync()).ShouldContain("<img src=x onerror=");
        browser.Dialogs.ShouldBeEmpty();
        browser.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_message_page_and_the_queue_fit_a_375_px_screen()
    {
        var key = (await app.ApiAsync(Demo, $"/workspaces/{Demo}/messages?q=INC0045123&limit=1")).GetProperty("items")[0].GetProperty("eventKey").GetString()!;
        await using var browser = await app.OpenAsync([Demo], width: 375, height: 812);
        foreach (var route in new[] { $"{Demo}/messages/{Uri.EscapeDataString(key)}", $"{Demo}/exceptions" })
        {
            await browser.ReadyAsync(route);
            await browser.ScreenshotAsync("375px-" + (route.Contains("messages") ? "message-page" : "exceptions-queue"));
            (await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375, route);
            (await browser.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search messages" }).IsVisibleAsync()).ShouldBeTrue();
        }
        (await browser.Page.Locator("li.exception").First.GetByLabel("Assign to ticket id").IsVisibleAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task The_production_build_serves_no_source_map()
    {
        File.Exists(Path.Combine(PortalApp.RepositoryRoot, "src", "portal", "dist", "app.js.map")).ShouldBeFalse();
        (await File.ReadAllTextAsync(Path.Combine(PortalApp.RepositoryRoot, "src", "portal", "dist", "app.js"))).ShouldNotContain("sourceMappingURL");
        using var response = await app.Http.GetAsync(app.BaseUrl + "/app.js.map");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
