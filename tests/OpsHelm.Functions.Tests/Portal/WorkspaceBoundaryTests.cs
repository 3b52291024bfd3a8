using System.Net;
using System.Text.Json;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class WorkspaceBoundaryTests : IClassFixture<WorkspaceBoundaryTests.IngestedApp>
{
    private static readonly string[] WorkspaceRoutes = ["runs", "exceptions", "tickets", "tasks", "commitments", "sources", "meetings", "conversations"];

    private readonly IngestedApp _app;

    public WorkspaceBoundaryTests(IngestedApp app) => _app = app;

    [Fact]
    public async Task Portal_routes_without_a_principal_answer_401()
    {
        using var anonymous = _app.Factory.CreateClient();

        (await anonymous.GetAsync("/api/workspaces")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var route in WorkspaceRoutes)
        {
            (await anonymous.GetAsync($"/api/workspaces/ws-demo/{route}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, route);
        }
    }

    [Fact]
    public async Task A_principal_of_another_workspace_gets_404_for_everything_of_the_demo()
    {
        using var other = _app.Factory.ClientFor("ws-other");

        foreach (var route in WorkspaceRoutes)
        {
            (await other.GetAsync($"/api/workspaces/ws-demo/{route}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, route);
        }
        var tickets = await JsonOf(await _app.Factory.ClientFor("ws-demo").GetAsync("/api/workspaces/ws-demo/tickets"));
        var someTicket = tickets.EnumerateArray().First().GetProperty("ticketId").GetString();
        (await other.GetAsync($"/api/workspaces/ws-demo/tickets/{someTicket}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/workspaces/ws-other/tickets/{someTicket}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_workspace_that_is_not_configured_looks_like_one_the_caller_may_not_see()
    {
        using var client = _app.Factory.ClientFor("ws-demo", "ws-ghost");

        (await client.GetAsync("/api/workspaces/ws-ghost/runs")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await JsonOf(await client.GetAsync("/api/workspaces"));
        body.GetProperty("workspaces").EnumerateArray().Select(w => w.GetProperty("id").GetString()).ShouldBe(["ws-demo"]);
    }

    [Fact]
    public async Task The_other_workspace_sees_none_of_the_demo_records()
    {
        using var other = _app.Factory.ClientFor("ws-other");

        foreach (var route in new[] { "runs", "exceptions", "tickets", "tasks", "commitments", "meetings", "conversations" })
        {
            var list = await JsonOf(await other.GetAsync($"/api/workspaces/ws-other/{route}"));
            list.GetArrayLength().ShouldBe(0, route);
        }
    }

    [Fact]
    public async Task The_demo_principal_sees_the_run_summary_and_its_records()
    {
        using var demo = _app.Factory.ClientFor("ws-demo");

        var runs = await JsonOf(await demo.GetAsync("/api/workspaces/ws-demo/runs"));
        var run = runs.EnumerateArray().ShouldHaveSingleItem();
        run.GetProperty("runId").GetString().ShouldBe(_app.Run.RunId);
        run.GetProperty("counts").GetProperty("new").GetInt32().ShouldBe(_app.Run.Counts.New);
        run.GetProperty("status").GetString().ShouldBe("Succeeded");
        var single = await JsonOf(await demo.GetAsync($"/api/workspaces/ws-demo/runs/{_app.Run.RunId}"));
        single.GetProperty("coveragePercent").GetDouble().ShouldBe(_app.Run.CoveragePercent);
        (await JsonOf(await demo.GetAsync("/api/workspaces/ws-demo/exceptions?status=Open"))).GetArrayLength().ShouldBe(_app.Run.Counts.Exceptions);
        (await JsonOf(await demo.GetAsync("/api/workspaces/ws-demo/tickets"))).GetArrayLength().ShouldBe(_app.Run.Counts.TicketsCreated);
    }

    [Fact]
    public async Task A_ticket_comes_with_its_thread()
    {
        using var demo = _app.Factory.ClientFor("ws-demo");
        var tickets = await JsonOf(await demo.GetAsync("/api/workspaces/ws-demo/tickets"));
        var ticketId = tickets.EnumerateArray().First().GetProperty("ticketId").GetString();

        var detail = await JsonOf(await demo.GetAsync($"/api/workspaces/ws-demo/tickets/{ticketId}"));

        detail.GetProperty("ticket").GetProperty("ticketId").GetString().ShouldBe(ticketId);
        var thread = detail.GetProperty("thread").EnumerateArray().ToList();
        thread.ShouldNotBeEmpty();
        thread.ShouldAllBe(e => e.GetProperty("ticketId").GetString() == ticketId);
    }

    [Fact]
    public async Task An_unknown_exception_status_is_a_400_naming_the_allowed_ones()
    {
        using var demo = _app.Factory.ClientFor("ws-demo");

        var response = await demo.GetAsync("/api/workspaces/ws-demo/exceptions?status=Sideways");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Open, Resolved, Dismissed");
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    /// <summary>One app for the class, with the demo ingested once.</summary>
    public sealed class IngestedApp : IAsyncLifetime
    {
        public ServeApp Factory { get; } = new();

        public Core.Records.IngestionRun Run { get; private set; } = null!;

        public async Task InitializeAsync() => Run = await Factory.IngestDemoAsync();

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
