using Microsoft.Playwright;

namespace OpsHelm.Portal.Tests;

/// <summary>A page in its own browser context (its own principal), with the dialogs it opened recorded.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly PortalApp _app;
    private readonly IBrowserContext _context;

    public BrowserPage(PortalApp app, IBrowserContext context, IPage page)
    {
        _app = app;
        _context = context;
        Page = page;
        page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            if (AcceptDialogs)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        page.PageError += (_, error) => Errors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Whether a confirm is answered OK (else every dialog is dismissed).</summary>
    public bool AcceptDialogs { get; set; }

    /// <summary>Messages of every alert/confirm/prompt the page opened.</summary>
    public List<string> Dialogs { get; } = [];

    /// <summary>Uncaught script errors.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Loads the portal at hash route <paramref name="route"/> (e.g. "ws-demo/tickets") from scratch and waits until the page settled.</summary>
    public async Task<string> GoAsync(string route)
    {
        await Page.GotoAsync("about:blank");
        await Page.GotoAsync($"{_app.BaseUrl}/#/{route}");
        return await SettledAsync();
    }

    /// <summary>Waits until the page shows its content, an empty state or an error state; returns which.</summary>
    public async Task<string> SettledAsync()
    {
        await Page.WaitForSelectorAsync("main[data-state=ready], main[data-state=error], main[data-state=empty]", new() { Timeout = 15000 });
        return await Page.GetAttributeAsync("main", "data-state") ?? "";
    }

    /// <summary>Waits for the page to be ready, failing with what the page says otherwise.</summary>
    public async Task ReadyAsync(string route)
    {
        var state = await GoAsync(route);
        state.ShouldBe("ready", $"#/{route} shows: {await Page.InnerTextAsync("main")}");
    }

    /// <summary>Saves a screenshot under artifacts/screenshots.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(PortalApp.Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalApp.Screenshots, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
