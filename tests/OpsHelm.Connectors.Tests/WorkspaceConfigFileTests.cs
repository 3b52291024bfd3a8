using System.Text.Json.Nodes;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests;

public sealed class WorkspaceConfigFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task<WorkspaceConfig> Load(string path) => new WorkspaceConfigFile(path).LoadAsync(CancellationToken.None);

    /// <summary>The sample workspace with <paramref name="edit"/> applied, written to a temp file.</summary>
    private string SampleWith(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Fixture.Text("workspace.json"))!.AsObject();
        edit(node);
        return _temp.File("workspace.json", node.ToJsonString());
    }

    private static async Task<WorkspaceConfigException> ShouldFail(string path, params string[] problem)
    {
        var ex = await Should.ThrowAsync<WorkspaceConfigException>(() => Load(path));
        ex.Message.ShouldContain(path);
        foreach (var part in problem)
        {
            ex.Message.ShouldContain(part);
        }
        return ex;
    }

    [Fact]
    public async Task The_sample_workspace_loads()
    {
        var config = await Load(Fixture.PathOf("workspace.json"));

        config.Id.ShouldBe("ws-harborlight");
        config.Name.ShouldBe("Harborlight Managed Services");
        config.TimeZone.ShouldBe("America/New_York");
        var mailbox = config.Mailboxes.ShouldHaveSingleItem();
        mailbox.Address.ShouldBe("dana.whitfield@harborlightit.com");
        mailbox.Provider.ShouldBe("Graph");
        mailbox.Folders.ShouldBe(["Customers"]);
        config.InternalDomains.ShouldBe(["harborlightit.com"]);
        config.Customers.Count.ShouldBe(4);
        config.Customers[2].Name.ShouldBe("Mercer & Pike LLP");
        config.Customers[2].Aliases.ShouldContain("Mercer Pike");
        config.TicketSources.Select(t => t.System).ShouldBe(["ServiceNow", "ConnectWise"]);
        config.TicketSources[0].Patterns.ShouldBeNull();
        config.TicketSources[0].Senders.ShouldBe(["quarrylane@service-now.com"]);
        config.Blocklist.Emails.ShouldContain("*@seo-rocket.net");
        config.Blocklist.Domains.ShouldBe(["bulkleads.biz"]);
        config.Thresholds.ClassificationConfidence.ShouldBe(0.7);
        config.Thresholds.StaleTicketDays.ShouldBe(3);
        config.Thresholds.CustomerWaitingHours.ShouldBe(24);
        config.WhatsApp!.DisplayNumber.ShouldBe("+1 212-555-0100");
        config.WhatsApp.PhoneNumberId.ShouldBe("109284756301122");
        config.Branding!["displayName"].ShouldBe("Harborlight Ops");
    }

    [Fact]
    public async Task Valid_custom_ticket_patterns_load()
    {
        var path = SampleWith(c => c["ticketSources"]![0]!["patterns"] = new JsonArray("\\b(INC\\d{7})\\b", "(?<=Ticket #)(\\d{6})"));

        (await Load(path)).TicketSources[0].Patterns!.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_missing_file_is_a_workspace_config_exception_naming_the_file()
    {
        var path = Path.Combine(_temp.Path, "nope.json");

        await ShouldFail(path, "not found");
    }

    [Fact]
    public async Task Invalid_json_is_a_workspace_config_exception_naming_the_file_and_line()
    {
        var path = _temp.File("broken.json", "{\n  \"id\": \"ws\",\n  \"timeZone\": \n}");

        var ex = await ShouldFail(path, "not a valid workspace config", "line 4");
        ex.InnerException.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_empty_document_is_a_workspace_config_exception()
    {
        await ShouldFail(_temp.File("null.json", "null"), "empty");
    }

    [Fact]
    public async Task A_config_without_an_id_is_a_workspace_config_exception()
    {
        await ShouldFail(SampleWith(c => c.Remove("id")), "id");
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_workspace_config_exception_naming_it()
    {
        await ShouldFail(SampleWith(c => c["timeZone"] = "Mars/Olympus_Mons"), "'timeZone'", "Mars/Olympus_Mons");
    }

    [Fact]
    public async Task An_invalid_ticket_pattern_is_a_workspace_config_exception_naming_the_source_and_pattern()
    {
        var path = SampleWith(c => c["ticketSources"]![1]!["patterns"] = new JsonArray("CW-(\\d+"));

        await ShouldFail(path, "'ticketSources[1].patterns'", "CW-(\\d+");
    }

    [Fact]
    public async Task An_unknown_ticket_system_is_a_workspace_config_exception_naming_the_source_and_system()
    {
        var path = SampleWith(c => c["ticketSources"]![0]!["system"] = "Jira");

        await ShouldFail(path, "'ticketSources[0].system'", "Jira");
    }

    [Fact]
    public async Task Every_problem_is_named_at_once()
    {
        var path = SampleWith(c =>
        {
            c["timeZone"] = "Nowhere/Special";
            c["ticketSources"]![0]!["system"] = "Zendesk";
            c["mailboxes"]![0]!["provider"] = "Yahoo";
            c["thresholds"]!["classificationConfidence"] = 1.5;
        });

        await ShouldFail(path, "Nowhere/Special", "Zendesk", "'mailboxes[0].provider'", "'thresholds.classificationConfidence'");
    }
}
