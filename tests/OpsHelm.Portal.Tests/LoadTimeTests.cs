using System.Diagnostics;
using Xunit.Abstractions;

namespace OpsHelm.Portal.Tests;

/// <summary>How long each demo page takes to become usable on loopback: reported (artifacts/portal-load-times.txt), not asserted.</summary>
[Collection(PortalCollection.Name)]
public sealed class LoadTimeTests(PortalApp app, ITestOutputHelper output)
{
    private static readonly string[] Pages = ["inbox", "exceptions", "tickets", "work", "meetings", "conversations", "sources"];

    [Fact]
    public async Task Time_to_usable_of_the_largest_demo_page_is_measured()
    {
        await using var browser = await app.OpenAsync([PortalApp.Demo]);
        await browser.GoAsync($"{PortalApp.Demo}/inbox");
        var lines = new List<(string Page, int Elements, double Median)>();
        foreach (var page in Pages)
        {
            var samples = new List<double>();
            var state = "";
            for (var i = 0; i < 5; i++)
            {
                await browser.Page.GotoAsync("about:blank");
                var watch = Stopwatch.StartNew();
                await browser.Page.GotoAsync($"{app.BaseUrl}/#/{PortalApp.Demo}/{page}", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
                state = await browser.SettledAsync();
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            if (state != "ready")
            {
                continue;
            }
            var elements = await browser.Page.EvaluateAsync<int>("() => document.querySelectorAll('main *').length");
            lines.Add((page, elements, samples.Order().ElementAt(samples.Count / 2)));
        }
        lines.ShouldNotBeEmpty();
        var largest = lines.MaxBy(l => l.Elements);
        var report = string.Join(Environment.NewLine, lines.Select(l => $"{l.Page,-14} {l.Elements,5} elements  {l.Median,7:F0} ms (median of 5)"))
            + Environment.NewLine + $"largest demo page: {largest.Page} ({largest.Elements} elements), usable in {largest.Median:F0} ms on loopback";
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(PortalApp.RepositoryRoot, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(PortalApp.RepositoryRoot, "artifacts", "portal-load-times.txt"), report + Environment.NewLine);
    }

    [Fact]
    public async Task Time_to_usable_of_the_exceptions_queue_and_a_message_page_is_measured()
    {
        var key = (await app.ApiAsync(PortalApp.Demo, $"/workspaces/{PortalApp.Demo}/messages?q=INC0045123&limit=1")).GetProperty("items")[0].GetProperty("eventKey").GetString()!;
        await using var browser = await app.OpenAsync([PortalApp.Demo]);
        await browser.GoAsync($"{PortalApp.Demo}/inbox");
        var lines = new List<string>();
        foreach (var (name, route) in new[] { ("exceptions", "exceptions"), ("message page", "messages/" + Uri.EscapeDataString(key)) })
        {
            var samples = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                await browser.Page.GotoAsync("about:blank");
                var watch = Stopwatch.StartNew();
                await browser.Page.GotoAsync($"{app.BaseUrl}/#/{PortalApp.Demo}/{route}", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
                (await browser.SettledAsync()).ShouldBe("ready", route);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            var elements = await browser.Page.EvaluateAsync<int>("() => document.querySelectorAll('main *').length");
            lines.Add($"{name,-14} {elements,5} elements  {samples.Order().ElementAt(2),7:F0} ms (median of 5; samples {string.Join(", ", samples.Select(s => s.ToString("F0")))})");
        }
        var report = string.Join(Environment.NewLine, lines);
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(PortalApp.RepositoryRoot, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(PortalApp.RepositoryRoot, "artifacts", "portal-load-times-triage.txt"), report + Environment.NewLine);
    }
}
