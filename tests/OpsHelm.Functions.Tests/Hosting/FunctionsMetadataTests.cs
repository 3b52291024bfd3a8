using Cronos;
using OpsHelm.Functions.Tests.Infra;

namespace OpsHelm.Functions.Tests.Hosting;

public sealed class FunctionsMetadataTests
{
    // DESIGN §7, route prefix api: function name → route and methods.
    public static TheoryData<string, string, string> HttpRoutes => new()
    {
        { "GraphNotifications", "notifications/graph", "post" },
        { "GraphLifecycleNotifications", "notifications/graph/lifecycle", "post" },
        { "GmailPush", "notifications/gmail", "post" },
        { "WhatsAppWebhook", "webhooks/whatsapp", "get,post" },
        { "StartIngest", "workspaces/{workspaceId}/ingest", "post" },
        { "ListWorkspaces", "workspaces", "get" },
        { "ListRuns", "workspaces/{workspaceId}/runs", "get" },
        { "GetRun", "workspaces/{workspaceId}/runs/{runId}", "get" },
        { "ListExceptions", "workspaces/{workspaceId}/exceptions", "get" },
        { "TriageException", "workspaces/{workspaceId}/exceptions/{exceptionId}/{action:regex(^(resolve|dismiss|assign)$)}", "post" },
        { "ListTickets", "workspaces/{workspaceId}/tickets", "get" },
        { "GetTicket", "workspaces/{workspaceId}/tickets/{ticketId}", "get" },
        { "ListTasks", "workspaces/{workspaceId}/tasks", "get" },
        { "ListCommitments", "workspaces/{workspaceId}/commitments", "get" },
        { "ListMeetings", "workspaces/{workspaceId}/meetings", "get" },
        { "DismissMeeting", "workspaces/{workspaceId}/meetings/{eventKey}/dismiss", "post" },
        { "ListConversations", "workspaces/{workspaceId}/conversations", "get" },
        { "ListSources", "workspaces/{workspaceId}/sources", "get" },
        { "DownloadAttachment", "workspaces/{workspaceId}/attachments/{attachmentId}", "get" },
        { "SearchMessages", "workspaces/{workspaceId}/messages", "get" },
        { "GetMessage", "workspaces/{workspaceId}/messages/{eventKey}", "get" },
        { "Health", "health", "get" },
    };

    public static TheoryData<string, string> Timers => new()
    {
        { "Poll", "0 */5 * * * *" },
        { "Sweep", "0 */15 * * * *" },
        { "RenewGraphSubscriptions", "0 0 */6 * * *" },
        { "RenewGmailWatches", "0 15 */12 * * *" },
    };

    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.Read();

    [Theory]
    [MemberData(nameof(HttpRoutes))]
    public void Every_route_of_the_design_is_an_anonymous_http_function_with_its_methods(string name, string route, string methods)
    {
        var trigger = Metadata[name].Binding("httpTrigger") ?? throw new InvalidOperationException($"{name} has no httpTrigger");

        FunctionsMetadata.Function.Text(trigger, "route").ShouldBe(route);
        trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order().ShouldBe(methods.Split(','));
        FunctionsMetadata.Function.Text(trigger, "authLevel")?.ToLowerInvariant().ShouldBe("anonymous");
    }

    [Fact]
    public void No_http_function_exists_that_the_design_does_not_list()
    {
        var listed = HttpRoutes.Select(row => (string)row[0]).ToHashSet();

        Metadata.Functions.Where(f => f.Trigger == "httpTrigger").Select(f => f.Name).Where(n => !listed.Contains(n)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Timers))]
    public void Each_timer_runs_on_its_schedule_which_is_a_valid_ncrontab_expression(string name, string schedule)
    {
        var timer = Metadata[name].Binding("timerTrigger") ?? throw new InvalidOperationException($"{name} has no timerTrigger");

        FunctionsMetadata.Function.Text(timer, "schedule").ShouldBe(schedule);
        CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(new DateTime(2026, 12, 6, 0, 0, 1, DateTimeKind.Utc)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("GraphNotifications")]
    [InlineData("GraphLifecycleNotifications")]
    [InlineData("GmailPush")]
    [InlineData("WhatsAppWebhook")]
    public void Webhooks_hand_their_notices_to_the_notices_queue_on_the_app_storage(string name)
    {
        var queue = Metadata[name].Binding("queue") ?? throw new InvalidOperationException($"{name} has no queue output");

        FunctionsMetadata.Function.Text(queue, "queueName").ShouldBe("opshelm-notices");
        FunctionsMetadata.Function.Text(queue, "connection").ShouldBe("AzureWebJobsStorage");
        FunctionsMetadata.Function.Text(queue, "direction")?.ToLowerInvariant().ShouldBe("out");
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("api")]
    public void Every_setting_and_connection_the_metadata_names_is_set_by_the_bicep_for_each_app(string role)
    {
        var settings = BicepAppSettings.ForFunctionApp(role);
        var bindings = Metadata.Functions.SelectMany(f => f.Bindings).ToList();
        // Connection names are settings themselves; other values name settings only as %Setting%.
        var connections = bindings.Select(b => FunctionsMetadata.Function.Text(b, "connection")).OfType<string>().Distinct().ToList();
        var percentSettings = bindings.SelectMany(b => b.EnumerateObject()).Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String)
            .SelectMany(p => p.Value.GetString()!.Split('%').Where((_, i) => i % 2 == 1)).Distinct().ToList();

        connections.ShouldContain("AzureWebJobsStorage");
        foreach (var connection in connections)
        {
            settings.SetsConnection(connection).ShouldBeTrue($"the {role} app's Bicep sets no identity-based {connection}");
        }
        foreach (var setting in percentSettings)
        {
            settings.Values.Keys.ShouldContain(setting, $"the {role} app's Bicep sets no {setting}");
        }
    }

    [Fact]
    public void Every_function_runs_in_exactly_one_of_the_two_apps()
    {
        var disabledIn = BicepAppSettings.FunctionAppRoles.ToDictionary(r => r, r => BicepAppSettings.ForFunctionApp(r).DisabledFunctions);

        foreach (var function in Metadata.Functions.Select(f => f.Name).Where(n => n != "Health" && n != "OpenApiDocument"))
        {
            BicepAppSettings.FunctionAppRoles.Count(r => !disabledIn[r].Contains(function)).ShouldBe(1, $"{function} must be enabled in exactly one app");
        }
    }

    [Fact]
    public void The_host_has_no_custom_handler_and_the_repository_no_function_json()
    {
        var host = File.ReadAllText(RepositoryRoot.File("host.json"));

        host.ShouldNotContain("customHandler");
        Directory.GetFiles(RepositoryRoot.File("src"), "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }
}
