namespace OpsHelm.Portal.Tests;

/// <summary>Every page works on a 375 px wide phone and names every control for assistive technology.</summary>
[Collection(PortalCollection.Name)]
public sealed class LayoutTests(PortalApp app)
{
    public static TheoryData<string> Routes => new()
    {
        "ws-demo/inbox", "ws-demo/exceptions", "ws-demo/tickets", "ws-demo/work", "ws-demo/meetings", "ws-demo/conversations", "ws-demo/sources",
        "ws-other/tickets/INC0098765", "ws-demo/messages?q=INC0045123", "ws-other/exceptions",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_page_fits_a_375_px_wide_screen(string route)
    {
        await using var browser = await app.OpenAsync([PortalApp.Demo, PortalApp.Other], width: 375, height: 812);
        await browser.GoAsync(route);
        await browser.ScreenshotAsync("375px-" + route.Replace('/', '-'));
        var width = await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(375, $"#/{route} scrolls sideways");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_control_on_the_page_has_an_accessible_name(string route)
    {
        await using var browser = await app.OpenAsync([PortalApp.Demo, PortalApp.Other]);
        await browser.GoAsync(route);
        var controls = await browser.Page.EvaluateAsync<int>("() => document.querySelectorAll('input, select, textarea, button, a[href], summary').length");
        controls.ShouldBeGreaterThan(0);
        var unnamed = await browser.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button, a[href], summary')].filter(el => {
              const byLabelledBy = (el.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join('');
              const byLabels = el.labels ? [...el.labels].map(l => l.textContent).join('') : '';
              const name = (el.getAttribute('aria-label') || '') + byLabelledBy + byLabels
                + (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) ? '' : el.textContent) + (el.getAttribute('title') || '');
              return name.trim() === '';
            }).map(el => el.outerHTML.slice(0, 120))
            """);
        unnamed.ShouldBeEmpty($"#/{route} has controls without a name");
    }
}
