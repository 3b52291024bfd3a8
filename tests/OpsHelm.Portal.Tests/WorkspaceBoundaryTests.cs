using System.Net;

namespace OpsHelm.Portal.Tests;

/// <summary>A principal sees only its own workspaces: nothing of another's shows, by menu, deep link or API.</summary>
[Collection(PortalCollection.Name)]
public sealed class WorkspaceBoundaryTests(PortalApp app)
{
    private static readonly string[] Pages = ["inbox", "exceptions", "tickets", "work", "meetings", "conversations", "sources"];
    private static readonly string[] OthersData = ["INC0098765", "Bluegill", "Quarry Lane", "ops@bluegill.example"];

    [Fact]
    public async Task A_principal_of_workspace_A_sees_nothing_of_B()
    {
        await using var browser = await app.OpenAsync([PortalApp.Demo]);
        var answers = new List<(string Url, int Status)>();
        browser.Page.Response += (_, response) => answers.Add((response.Url, response.Status));

        await browser.ReadyAsync($"{PortalApp.Demo}/inbox");
        (await browser.Page.Locator("#workspace option").AllTextContentsAsync()).ShouldBe(["Northwind Harbor IT"]);
        foreach (var page in Pages)
        {
            await browser.GoAsync($"{PortalApp.Demo}/{page}");
            var text = await browser.Page.InnerTextAsync("body");
            foreach (var secret in OthersData)
            {
                text.ShouldNotContain(secret, Case.Insensitive, $"{page} shows workspace B's data");
            }
        }
        foreach (var route in new[] { $"{PortalApp.Other}/tickets/INC0098765", $"{PortalApp.Other}/inbox", $"{PortalApp.Other}/exceptions" })
        {
            (await browser.GoAsync(route)).ShouldBe("error");
            var text = await browser.Page.InnerTextAsync("body");
            text.ShouldContain("Pick one of your workspaces");
            foreach (var secret in OthersData.Append("Bluegill Networks"))
            {
                text.ShouldNotContain(secret, Case.Insensitive);
            }
        }
        await browser.ScreenshotAsync("other-workspace-refused");
        answers.Where(a => a.Url.Contains("/api/workspaces/" + PortalApp.Other)).ShouldAllBe(a => a.Status != 200);

        // And the API itself refuses B to A's principal, whatever the portal asks.
        foreach (var path in new[] { "runs", "tickets", "tickets/INC0098765", "exceptions", "tasks", "commitments", "sources" })
        {
            using var response = await app.SendAsync(PortalApp.Demo, $"/workspaces/{PortalApp.Other}/{path}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task A_principal_of_two_workspaces_switches_between_them()
    {
        await using var browser = await app.OpenAsync([PortalApp.Demo, PortalApp.Other]);
        await browser.ReadyAsync($"{PortalApp.Demo}/tickets");
        (await browser.Page.Locator("#workspace option").CountAsync()).ShouldBe(2);
        await browser.Page.SelectOptionAsync("#workspace", PortalApp.Other);
        await browser.Page.WaitForURLAsync($"**/#/{PortalApp.Other}/tickets");
        await browser.Page.WaitForSelectorAsync("a.ticket-id >> text=INC0098765");
        (await browser.SettledAsync()).ShouldBe("ready");
        (await browser.Page.InnerTextAsync("main")).ShouldNotContain("Maple Street Montessori");
        (await browser.Page.Locator("table.tickets tbody tr").CountAsync()).ShouldBe((await app.ApiAsync(PortalApp.Other, $"/workspaces/{PortalApp.Other}/tickets")).GetArrayLength());
        await browser.ScreenshotAsync("workspace-switched");
    }
}
