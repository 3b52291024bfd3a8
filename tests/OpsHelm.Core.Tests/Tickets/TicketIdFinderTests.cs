using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Tickets;

public class TicketIdFinderTests
{
    private static readonly TicketIdFinder Both = new([
        new TicketSourceConfig { System = "ServiceNow" },
        new TicketSourceConfig { System = "ConnectWise" }]);

    [Theory]
    [InlineData("Incident INC0023401 has been assigned", "INC0023401")]
    [InlineData("RITM0010442 approved", "RITM0010442")]
    [InlineData("Change CHG0030001 scheduled", "CHG0030001")]
    [InlineData("sctask0012345 closed", "SCTASK0012345")]
    [InlineData("PRB0001234 root cause", "PRB0001234")]
    [InlineData("REQ0021907 fulfilled", "REQ0021907")]
    [InlineData("TASK0099999 done", "TASK0099999")]
    public void ServiceNow_numbers_are_found_and_upper_cased(string text, string id)
    {
        var found = Both.Find(text, "subject").ShouldHaveSingleItem();
        found.Id.ShouldBe(id);
        found.System.ShouldBe(TicketSystem.ServiceNow);
    }

    [Theory]
    [InlineData("Ticket #310245 - Front desk PC", "310245")]
    [InlineData("Re your Ticket#310301 - the new associate", "310301")]
    [InlineData("Service Ticket 512345 updated", "512345")]
    [InlineData("Ticket No. 4521 closed", "4521")]
    [InlineData("Ticket #: 774120\nSummary: Scanner offline", "774120")]
    [InlineData("Ticket Number: 774121", "774121")]
    [InlineData("[Ticket 774122] Board: Help Desk - updated", "774122")]
    [InlineData("Ticket No: 774123", "774123")]
    public void ConnectWise_numbers_are_found_in_their_common_forms(string text, string id)
    {
        var found = Both.Find(text, "body").ShouldHaveSingleItem();
        found.Id.ShouldBe(id);
        found.System.ShouldBe(TicketSystem.ConnectWise);
    }

    [Theory]
    [InlineData("the ticket 2026 budget")]
    [InlineData("INC12 is not a number")]
    [InlineData("call 555-0100 about the ticket")]
    public void Things_that_only_look_like_ids_are_not_ids(string text)
    {
        Both.Find(text, "body").ShouldBeEmpty();
    }

    [Fact]
    public void Another_help_desks_subject_tag_is_marked_as_needing_the_ConnectWise_sender()
    {
        Both.Find("[Ticket#31001] Printer offline", "subject").ShouldHaveSingleItem().RequiresTicketSender.ShouldBeTrue();
        Both.Find("Ticket #31001 Printer offline", "subject").ShouldHaveSingleItem().RequiresTicketSender.ShouldBeFalse();
    }

    [Fact]
    public void Request_Trackers_subject_tag_is_not_a_ConnectWise_id()
    {
        Both.Find("[rt.example.org #123456] Mail relay refused", "subject").ShouldBeEmpty();
    }

    [Fact]
    public void A_workspace_pattern_replaces_the_built_in_one()
    {
        var custom = new TicketIdFinder([new TicketSourceConfig { System = "ConnectWise", Patterns = [@"\bCW-(\d{5})\b"] }]);
        custom.Find("see CW-12345 and Ticket #310245", "body").Select(m => m.Id).ShouldBe(["12345"]);
    }

    [Fact]
    public void A_disabled_source_finds_nothing()
    {
        var onlyConnectWise = new TicketIdFinder([
            new TicketSourceConfig { System = "ServiceNow", Enabled = false },
            new TicketSourceConfig { System = "ConnectWise" }]);
        onlyConnectWise.Find("INC0023401 and Ticket #310245", "body").Select(m => m.Id).ShouldBe(["310245"]);
    }

    [Fact]
    public void Ids_are_returned_in_the_order_they_appear()
    {
        Both.Find("Ticket #310245 relates to INC0023401", "body").Select(m => m.Id).ShouldBe(["310245", "INC0023401"]);
    }
}
