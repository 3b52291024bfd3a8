using System.Net;

namespace OpsHelm.Functions.Tests.Inbound;

/// <summary>One failing source does not stop the others: Graph with a bad credential, WhatsApp deliveries arriving.</summary>
public sealed class FailingSourceTests
{
    [Fact]
    public async Task With_Graph_refusing_the_credential_WhatsApp_messages_reach_the_portal_in_one_pull_and_Graph_shows_Disconnected_with_its_reason()
    {
        await using var app = await InboundApp.StartAsync(graphToken: "revoked-token");

        var response = await app.DeliverWhatsAppAsync(InboundApp.Delivery(InboundApp.PhoneNumberId,
            InboundApp.Text("wamid.ONE", "the lobby printer is jammed"), InboundApp.Text("wamid.TWO", "and the scanner too", 1795400100)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversations = await app.WaitForAsync($"/api/workspaces/{InboundApp.WorkspaceId}/conversations", c => InboundApp.Excerpts(c).Count == 2);
        InboundApp.Excerpts(conversations).ShouldBe(["the lobby printer is jammed", "and the scanner too"], ignoreOrder: true);
        // The messages are recorded before the run is finalized: wait for its end to read its error.
        var runs = await app.WaitForAsync($"/api/workspaces/{InboundApp.WorkspaceId}/runs",
            r => r.EnumerateArray().Any() && r.EnumerateArray().All(run => run.GetProperty("status").GetString() != "Running"));
        var run = runs.EnumerateArray().ShouldHaveSingleItem();
        run.GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("Microsoft Graph mail");
        var graph = InboundApp.Source(await app.GetAsync($"/api/workspaces/{InboundApp.WorkspaceId}/sources"), InboundApp.Mailbox);
        graph.GetProperty("health").GetProperty("state").GetString().ShouldBe("Disconnected");
        // Mail and calendar are read with the same credential; the last of them to fail names it.
        graph.GetProperty("health").GetProperty("lastError").GetString().ShouldNotBeNull().ShouldEndWith("HTTP 401 (InvalidAuthenticationToken)");
        graph.GetProperty("incidents").EnumerateArray().ShouldContain(i => i.GetProperty("kind").GetString() == "CredentialRejected");
    }
}
