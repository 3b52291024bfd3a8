using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Work;

namespace OpsHelm.Functions.Tests.Work;

/// <summary>Host-shaped Service Bus invocations of <c>ProcessWorkItem</c>, in process: what the reply tells the host.</summary>
public sealed class ProcessWorkItemInvocationTests
{
    private static StringContent Invocation(object message, int deliveryCount = 1) => new(JsonSerializer.Serialize(new
    {
        Data = new { message },
        Metadata = new { MessageId = "m-1", DeliveryCount = deliveryCount, SessionId = "ws-demo", sys = new { MethodName = "ProcessWorkItem" } },
    }), Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_item_message_processes_the_item_it_names_and_a_second_delivery_does_nothing()
    {
        using var app = new FunctionsApp();
        var client = app.CreateClient();
        var queue = app.Services.GetRequiredService<IWorkQueue>();
        var now = DateTimeOffset.UtcNow;
        var item = new WorkItem
        {
            Id = WorkItem.IdOf("ws-demo", "run-1", "unreadable:x"),
            WorkspaceId = "ws-demo",
            RunId = "run-1",
            Position = 1,
            ResultId = "line:1",
            Failure = "not a message",
            RawFingerprint = "x",
            VisibleAt = now,
            CreatedAt = now,
        };
        await queue.EnqueueAsync([item], CancellationToken.None);

        var first = await client.PostAsync("/ProcessWorkItem", Invocation($$"""{"kind":"item","workspaceId":"ws-demo","itemId":"{{item.Id}}"}"""));
        var again = await client.PostAsync("/ProcessWorkItem", Invocation($$"""{"kind":"item","workspaceId":"ws-demo","itemId":"{{item.Id}}"}""", 2));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).ShouldContain("Done");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("nothing to do");
        var tally = await queue.TallyAsync("ws-demo", "run-1", CancellationToken.None);
        (tally.Done, tally.Finished).ShouldBe((1, true));
        var exceptions = await app.ClientFor("ws-demo").GetFromJsonAsync<JsonElement>("/api/workspaces/ws-demo/exceptions");
        exceptions.GetArrayLength().ShouldBe(1, "the unreadable item became one ParseFailure exception, not two");
    }

    [Fact]
    public async Task A_body_passed_as_json_rather_than_text_is_read_the_same()
    {
        using var app = new FunctionsApp();

        var response = await app.CreateClient().PostAsync("/ProcessWorkItem", Invocation(new { kind = "item", workspaceId = "ws-demo", itemId = "work-none" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("nothing to do");
    }

    [Fact]
    public async Task A_message_this_app_did_not_send_fails_the_invocation_so_service_bus_dead_letters_it()
    {
        using var app = new FunctionsApp();

        var response = await app.CreateClient().PostAsync("/ProcessWorkItem", Invocation("""{"kind":"drop-table"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var logs = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("Logs");
        logs[0].GetString()!.ShouldContain("m-1");
    }

    [Fact]
    public async Task An_item_of_a_workspace_not_configured_here_fails_the_invocation()
    {
        using var app = new FunctionsApp();

        var response = await app.CreateClient().PostAsync("/ProcessWorkItem", Invocation("""{"kind":"item","workspaceId":"ws-elsewhere","itemId":"w"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invocation_without_the_message_binding_is_refused()
    {
        using var app = new FunctionsApp();

        var response = await app.CreateClient().PostAsync("/ProcessWorkItem",
            new StringContent("""{"Data":{"other":"x"},"Metadata":{}}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("Logs")[0].GetString()!.ShouldContain("no 'message' data");
    }
}
