using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpsHelm.Functions.Tests.Hosting;

public sealed class CustomHandlerInvocationTests
{
    // The shape the Functions host posts for a timer trigger (custom handlers docs: Data keyed by binding name, Metadata with sys).
    private const string TimerInvocation = """
        {
          "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": { "Last": "2026-11-21T14:00:00+00:00", "Next": "2026-11-21T14:15:00+00:00" }, "IsPastDue": false } },
          "Metadata": { "sys": { "MethodName": "Sweep", "UtcNow": "2026-11-21T14:15:00.0123Z", "RandGuid": "4d5d5c3e-7b0e-4a55-9a3a-0c5f8b9e1a11" } }
        }
        """;

    [Fact]
    public async Task A_timer_invocation_runs_the_function_and_answers_in_the_hosts_shape()
    {
        using var app = new FunctionsApp();
        var client = app.CreateClient();

        var response = await client.PostAsync("/Sweep", new StringContent(TimerInvocation, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        body.GetProperty("Outputs").ValueKind.ShouldBe(JsonValueKind.Object);
        var logs = body.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()).ToList();
        logs.Count.ShouldBe(2);
        logs.ShouldContain(l => l!.StartsWith("swept ws-demo: run "));
        body.TryGetProperty("ReturnValue", out _).ShouldBeTrue();
        var runs = await app.ClientFor("ws-demo").GetFromJsonAsync<JsonElement>("/api/workspaces/ws-demo/runs");
        runs.EnumerateArray().ShouldHaveSingleItem().GetProperty("trigger").GetString().ShouldBe("Timer");
    }

    [Fact]
    public async Task A_payload_that_is_not_the_hosts_json_is_a_400_and_runs_nothing()
    {
        using var app = new FunctionsApp();

        var response = await app.CreateClient().PostAsync("/Sweep", new StringContent("{\"Data\": [", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var runs = await app.ClientFor("ws-demo").GetFromJsonAsync<JsonElement>("/api/workspaces/ws-demo/runs");
        runs.GetArrayLength().ShouldBe(0);
    }
}
