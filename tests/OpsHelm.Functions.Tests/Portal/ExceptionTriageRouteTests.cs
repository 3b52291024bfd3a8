using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class ExceptionTriageRouteTests
{
    [Fact]
    public async Task Dismissing_an_exception_through_the_route_answers_it_dismissed_with_the_note()
    {
        // Found by the request fuzzer: the route's services were bound from the JSON body, so every triage was a 500.
        using var app = new ServeApp();
        await app.IngestDemoAsync();
        var exception = (await app.Services.GetRequiredService<IRecordStore>().ListExceptionsAsync("ws-demo", null, CancellationToken.None))[0];

        var response = await app.ClientFor("ws-demo").PostAsync($"/api/workspaces/ws-demo/exceptions/{exception.Id}/dismiss",
            new StringContent("""{"note":"spam, not a customer"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        answer.RootElement.GetProperty("id").GetString().ShouldBe(exception.Id);
        answer.RootElement.GetProperty("status").GetString().ShouldBe("Dismissed");
        answer.RootElement.GetRawText().ShouldContain("spam, not a customer");
    }

    [Fact]
    public async Task A_triage_body_that_is_not_UTF8_is_a_400()
    {
        using var app = new ServeApp();
        await app.IngestDemoAsync();
        var exception = (await app.Services.GetRequiredService<IRecordStore>().ListExceptionsAsync("ws-demo", null, CancellationToken.None))[0];
        var body = new ByteArrayContent([.. "{\"note\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        body.Headers.ContentType = new("application/json");

        var response = await app.ClientFor("ws-demo").PostAsync($"/api/workspaces/ws-demo/exceptions/{exception.Id}/resolve", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("512419")]
    [InlineData("#512419")]
    public async Task A_ConnectWise_ticket_is_assigned_by_its_number_as_the_ticket_list_and_suggestions_write_it(string ticketId)
    {
        using var app = new ServeApp();
        await app.IngestDemoAsync();
        var records = app.Services.GetRequiredService<IRecordStore>();
        var exception = (await records.ListExceptionsAsync("ws-demo", "Open", CancellationToken.None)).First(e => e.Reason == Core.Records.ExceptionReason.MissingTicketId);

        var response = await app.ClientFor("ws-demo").PostAsync($"/api/workspaces/ws-demo/exceptions/{exception.Id}/assign",
            new StringContent($$"""{"ticketId":"{{ticketId}}"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await records.ListExceptionsAsync("ws-demo", null, CancellationToken.None)).Single(e => e.Id == exception.Id).Resolution.ShouldBe("assigned to 512419");
        (await records.ListEventsAsync("ws-demo", CancellationToken.None)).Single(e => e.Key == exception.EventKey).TicketId.ShouldBe("512419");
    }
}
