using System.Text.Json;

namespace OpsHelm.Portal.Tests;

/// <summary>Message content is hostile: it shows as text, its links open only as marked external http(s) links, and the page runs nothing of it.</summary>
[Collection(PortalCollection.Name)]
public sealed class UntrustedContentTests(PortalApp app)
{
    private const string Other = PortalApp.Other;
    private const string Ticket = "INC0098765";

    [Fact]
    public async Task Script_and_onerror_in_a_message_show_as_text_and_run_nothing()
    {
        await using var browser = await app.OpenAsync([Other]);
        foreach (var route in new[] { $"{Other}/tickets/{Ticket}", $"{Other}/tickets", $"{Other}/work", $"{Other}/inbox" })
        {
            await browser.ReadyAsync(route);
            await browser.Page.WaitForTimeoutAsync(300);
            (await browser.Page.EvaluateAsync<JsonElement>("() => window.__opshelmXss ?? null")).ValueKind.ShouldBe(JsonValueKind.Null, route);
            (await browser.Page.Locator("main img, main script, main iframe").CountAsync()).ShouldBe(0, route);
        }
        await browser.ReadyAsync($"{Other}/tickets/{Ticket}");
        await browser.ScreenshotAsync("hostile-message");
        var text = await browser.Page.Locator("ol.thread .message-text").TextContentAsync() ?? "";
        text.ShouldContain("<script>window.__opshelmXss='script';alert('xss')</script>");
        text.ShouldContain("<img src=x onerror=\"window.__opshelmXss='onerror';alert(1)\">");
        (await browser.Page.Locator("ol.thread .subject").TextContentAsync() ?? "").ShouldContain("<img src=x onerror=");
        browser.Dialogs.ShouldBeEmpty();
        browser.Errors.ShouldBeEmpty();
        (await browser.Page.Locator("script").CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Links_in_messages_open_only_when_http_and_are_marked_external()
    {
        await using var browser = await app.OpenAsync([Other]);
        await browser.ReadyAsync($"{Other}/tickets/{Ticket}");
        var links = browser.Page.Locator("ol.thread .message-text a");
        (await links.CountAsync()).ShouldBe(1);
        (await links.GetAttributeAsync("href")).ShouldBe("https://status.quarrylane.example/incidents/42");
        (await links.GetAttributeAsync("rel")).ShouldBe("noopener noreferrer external");
        (await links.GetAttributeAsync("target")).ShouldBe("_blank");
        var inert = browser.Page.Locator("ol.thread .message-text .inert-link");
        (await inert.TextContentAsync()).ShouldStartWith("javascript:");
        (await browser.Page.Locator("a[href^='javascript:' i]").CountAsync()).ShouldBe(0);
        await inert.ClickAsync();
        await browser.Page.WaitForTimeoutAsync(200);
        browser.Dialogs.ShouldBeEmpty();
        (await browser.Page.EvaluateAsync<JsonElement>("() => window.__opshelmXss ?? null")).ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_portal_is_served_with_a_content_security_policy_that_allows_no_inline_script()
    {
        await using var browser = await app.OpenAsync([Other]);
        var response = await browser.Page.GotoAsync(app.BaseUrl + "/");
        var header = (await response!.AllHeadersAsync())["content-security-policy"];
        var meta = await browser.Page.GetAttributeAsync("meta[http-equiv='Content-Security-Policy']", "content");
        using var swa = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(PortalApp.RepositoryRoot, "src", "portal", "public", "staticwebapp.config.json")));
        var deployed = swa.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString();

        header.ShouldBe(deployed);
        foreach (var policy in new[] { header, meta! })
        {
            policy.ShouldContain("script-src 'self'");
            policy.ShouldContain("object-src 'none'");
            policy.ShouldNotContain("unsafe-inline");
            policy.ShouldNotContain("unsafe-eval");
        }
        (await browser.Page.Locator("script:not([src])").CountAsync()).ShouldBe(0);
        (await browser.Page.EvaluateAsync<bool>("() => [...document.scripts].every(s => new URL(s.src).origin === location.origin)")).ShouldBeTrue();
    }

    [Fact]
    public async Task The_portal_script_never_parses_text_as_html()
    {
        var script = await app.Http.GetStringAsync(app.BaseUrl + "/app.js");
        script.Length.ShouldBeGreaterThan(1000);
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
        {
            script.ShouldNotContain(sink);
        }
    }
}
