using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Api.Ingestion;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Functions;
using OpsHelm.Functions.Functions.Portal;
using OpsHelm.Functions.Functions.Webhooks;
using OpsHelm.Functions.Tests.Fuzz;

namespace OpsHelm.Functions.Tests.Functions;

/// <summary>The HTTP functions, created from the worker host's own registration and run as the worker runs them.</summary>
public sealed class HttpFunctionsTests
{
    private const string AppSecret = "test-app-secret-not-a-real-one";

    [Fact]
    public async Task Health_answers_with_the_store_state()
    {
        using var app = new FunctionsApp();
        var request = app.Request("GET", "/api/health");

        var (status, body, _) = await FunctionsApp.ExecuteAsync(await app.Function<HealthFunction>().RunAsync(request, CancellationToken.None), request);

        status.ShouldBe(200);
        body.ShouldContain("\"Reachable\"");
    }

    [Fact]
    public async Task A_portal_function_needs_a_principal_and_hides_other_workspaces()
    {
        using var app = new FunctionsApp();
        var function = app.Function<ListRunsFunction>();

        var anonymous = app.Request("GET", "/api/workspaces/ws-demo/runs");
        var other = app.Request("GET", "/api/workspaces/ws-demo/runs", workspaces: "ws-other");
        var own = app.Request("GET", "/api/workspaces/ws-demo/runs?limit=5", workspaces: "ws-demo");

        (await FunctionsApp.ExecuteAsync(await function.RunAsync(anonymous, "ws-demo", CancellationToken.None), anonymous)).Status.ShouldBe(401);
        (await FunctionsApp.ExecuteAsync(await function.RunAsync(other, "ws-demo", CancellationToken.None), other)).Status.ShouldBe(404);
        var (status, body, _) = await FunctionsApp.ExecuteAsync(await function.RunAsync(own, "ws-demo", CancellationToken.None), own);
        status.ShouldBe(200);
        JsonDocument.Parse(body).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Triage_names_the_unknown_exception_in_a_404()
    {
        using var app = new FunctionsApp();
        var request = app.Request("POST", "/api/workspaces/ws-demo/exceptions/nope/dismiss", "{}", workspaces: "ws-demo");

        var (status, body, _) = await FunctionsApp.ExecuteAsync(
            await app.Function<TriageExceptionFunction>().RunAsync(request, "ws-demo", "nope", "dismiss", CancellationToken.None), request);

        status.ShouldBe(404);
        body.ShouldContain("nope");
    }

    [Fact]
    public async Task Graphs_validation_handshake_is_echoed_as_text_and_queues_nothing()
    {
        using var app = new FunctionsApp();
        var request = app.Request("POST", "/api/notifications/graph?validationToken=Validation%3A%20Testing");

        var output = await app.Function<GraphNotificationsFunction>().RunAsync(request, CancellationToken.None);
        var (status, body, headers) = await FunctionsApp.ExecuteAsync(output.Response, request);

        status.ShouldBe(200);
        body.ShouldBe("Validation: Testing");
        headers.ContentType.ToString().ShouldStartWith("text/plain");
        output.Notice.ShouldBeNull();
    }

    [Fact]
    public async Task A_signed_whatsapp_delivery_is_recorded_before_the_200_and_its_notice_goes_to_the_queue()
    {
        using var app = new FunctionsApp(new()
        {
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = "verify-me",
            ["WhatsApp:AccessToken"] = "test-access-token",
        });
        var body = """{"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{"metadata":{"display_phone_number":"13125550140","phone_number_id":"118604729351207"},"contacts":[{"profile":{"name":"A"},"wa_id":"13125550111"}],"messages":[{"from":"13125550111","id":"wamid.F-1","timestamp":"1795400000","type":"text","text":{"body":"hello"}}]}}]}]}""";
        var request = app.Request("POST", "/api/webhooks/whatsapp", body);
        request.Headers[WhatsAppSignature.Header] = WhatsAppSignature.Of(AppSecret, Encoding.UTF8.GetBytes(body));

        var output = await app.Function<WhatsAppWebhookFunction>().RunAsync(request, CancellationToken.None);

        (await FunctionsApp.ExecuteAsync(output.Response, request)).Status.ShouldBe(200);
        JsonSerializer.Deserialize<InboundNotice>(output.Notice!, JsonSerializerOptions.Web)!.Provider.ShouldBe("WhatsApp");
        (await app.Services.GetRequiredService<IPushInbox>().ListPendingAsync("ws-demo", 10, CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_forged_whatsapp_delivery_is_refused_and_queues_nothing()
    {
        using var app = new FunctionsApp(new() { ["WhatsApp:AppSecret"] = AppSecret, ["WhatsApp:VerifyToken"] = "v", ["WhatsApp:AccessToken"] = "t" });
        var request = app.Request("POST", "/api/webhooks/whatsapp", """{"object":"whatsapp_business_account","entry":[]}""");
        request.Headers[WhatsAppSignature.Header] = "sha256=00";

        var output = await app.Function<WhatsAppWebhookFunction>().RunAsync(request, CancellationToken.None);

        (await FunctionsApp.ExecuteAsync(output.Response, request)).Status.ShouldBe(401);
        output.Notice.ShouldBeNull();
    }

    [Fact]
    public async Task The_message_functions_search_and_show_a_message_of_the_workspace_only()
    {
        using var app = new FunctionsApp();
        await IngestDemoAsync(app);
        var search = app.Function<SearchMessagesFunction>();
        var show = app.Function<GetMessageFunction>();

        var byTicket = app.Request("GET", "/api/workspaces/ws-demo/messages?q=INC0045123&limit=2", workspaces: "ws-demo");
        var (status, body, _) = await FunctionsApp.ExecuteAsync(await search.RunAsync(byTicket, "ws-demo", CancellationToken.None), byTicket);
        status.ShouldBe(200);
        var page = JsonDocument.Parse(body).RootElement;
        page.GetProperty("items").GetArrayLength().ShouldBe(2);
        page.GetProperty("next").GetString().ShouldNotBeNullOrEmpty();
        var key = page.GetProperty("items")[0].GetProperty("eventKey").GetString()!;

        var own = app.Request("GET", "/api/workspaces/ws-demo/messages/" + Uri.EscapeDataString(key), workspaces: "ws-demo");
        var (shown, detail, _) = await FunctionsApp.ExecuteAsync(await show.RunAsync(own, "ws-demo", key, CancellationToken.None), own);
        shown.ShouldBe(200);
        JsonDocument.Parse(detail).RootElement.GetProperty("evidence").GetArrayLength().ShouldBeGreaterThan(0);

        var other = app.Request("GET", "/api/workspaces/ws-other/messages/" + Uri.EscapeDataString(key), workspaces: "ws-other");
        (await FunctionsApp.ExecuteAsync(await show.RunAsync(other, "ws-other", key, CancellationToken.None), other)).Status.ShouldBe(404);
        var foreign = app.Request("GET", "/api/workspaces/ws-demo/messages/" + Uri.EscapeDataString(key), workspaces: "ws-other");
        (await FunctionsApp.ExecuteAsync(await show.RunAsync(foreign, "ws-demo", key, CancellationToken.None), foreign)).Status.ShouldBe(404);
        var badLimit = app.Request("GET", "/api/workspaces/ws-demo/messages?limit=lots", workspaces: "ws-demo");
        (await FunctionsApp.ExecuteAsync(await search.RunAsync(badLimit, "ws-demo", CancellationToken.None), badLimit)).Status.ShouldBe(400);
    }

    [Fact]
    public async Task A_text_plain_triage_function_call_gets_415_and_changes_nothing()
    {
        using var app = new FunctionsApp();
        await IngestDemoAsync(app);
        var records = app.Services.GetRequiredService<IRecordStore>();
        var exception = (await records.ListExceptionsAsync("ws-demo", "Open", CancellationToken.None))[0];
        var request = app.Request("POST", $"/api/workspaces/ws-demo/exceptions/{exception.Id}/dismiss", """{"note":"x"}""", "text/plain", "ws-demo");

        var (status, _, _) = await FunctionsApp.ExecuteAsync(
            await app.Function<TriageExceptionFunction>().RunAsync(request, "ws-demo", exception.Id, "dismiss", CancellationToken.None), request);

        status.ShouldBe(415);
        (await records.ListExceptionsAsync("ws-demo", null, CancellationToken.None)).Single(e => e.Id == exception.Id).ShouldBe(exception);
    }

    [Fact]
    public async Task A_cross_site_meeting_dismissal_function_call_is_refused()
    {
        using var app = new FunctionsApp();
        await IngestDemoAsync(app);
        var records = app.Services.GetRequiredService<IRecordStore>();
        var meeting = (await records.ListEventsAsync("ws-demo", CancellationToken.None)).First(e => e.Category == Core.Records.Category.Meeting);
        var request = app.Request("POST", "/api/workspaces/ws-demo/meetings/x/dismiss", "{}", workspaces: "ws-demo");
        request.Headers["Sec-Fetch-Site"] = "cross-site";

        var (status, _, _) = await FunctionsApp.ExecuteAsync(
            await app.Function<DismissMeetingFunction>().RunAsync(request, "ws-demo", meeting.Key, CancellationToken.None), request);

        status.ShouldBe(403);
        (await records.ListDismissedMeetingsAsync("ws-demo", CancellationToken.None)).ShouldBeEmpty();
    }

    private static async Task IngestDemoAsync(FunctionsApp app)
    {
        var store = app.Services.GetRequiredService<Storage.StoreSet>();
        var runner = new Core.Runs.IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new Core.Pipeline.MessagePipeline(new Core.Pipeline.PipelineOptions(), TimeProvider.System), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Runs.IngestionRunner>.Instance);
        var run = await runner.RunAsync(new Core.Runs.RunRequest
        {
            Config = new Connectors.Configuration.WorkspaceConfigFile(ServeApp.Fixture("ws-demo.json")),
            Source = new Connectors.Replay.JsonLinesMessageSource(ServeApp.Fixture("demo-mailbox.jsonl")),
        }, CancellationToken.None);
        run.Status.ShouldBe("Succeeded");
    }
}
