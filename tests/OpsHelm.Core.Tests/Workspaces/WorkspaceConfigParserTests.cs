using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Workspaces;

public class WorkspaceConfigParserTests
{
    [Theory]
    [InlineData("mailboxes")]
    [InlineData("ticketSources")]
    [InlineData("thresholds")]
    [InlineData("customers")]
    [InlineData("blocklist")]
    public void An_explicit_null_section_is_named_in_the_error(string section)
    {
        var json = $$"""{ "id": "ws", "timeZone": "UTC", "{{section}}": null }""";
        var error = Should.Throw<WorkspaceConfigException>(() => WorkspaceConfigParser.Parse(json, "ws.json"));
        error.Message.ShouldContain("ws.json");
        error.Message.ShouldContain(section);
    }

    [Fact]
    public void A_minimal_config_gets_the_documented_defaults()
    {
        var config = WorkspaceConfigParser.Parse("""{ "id": "ws", "timeZone": "Europe/London" }""", "ws.json");
        config.Thresholds.ClassificationConfidence.ShouldBe(0.7);
        config.Thresholds.StaleTicketDays.ShouldBe(3);
    }
}
