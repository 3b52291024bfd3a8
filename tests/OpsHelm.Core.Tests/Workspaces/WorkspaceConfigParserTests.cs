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

    [Fact]
    public void An_Imap_mailbox_reads_its_server_and_login_from_the_config()
    {
        var config = WorkspaceConfigParser.Parse("""
            { "id": "ws", "timeZone": "UTC", "mailboxes": [ { "id": "help", "provider": "Imap", "address": "help@harborlightit.com",
              "imap": { "host": "imap.fastmail.com", "port": 993, "tls": "SslOnConnect", "username": "help@harborlightit.com" } } ] }
            """, "ws.json");

        var imap = config.Mailboxes.Single().Imap!;
        imap.Host.ShouldBe("imap.fastmail.com");
        imap.Port.ShouldBe(993);
        imap.Auth.ShouldBe("Password");
    }

    [Fact]
    public void An_Imap_mailbox_without_its_server_or_with_an_unknown_tls_mode_is_refused_naming_the_fields()
    {
        var missing = Should.Throw<WorkspaceConfigException>(() => WorkspaceConfigParser.Parse("""
            { "id": "ws", "timeZone": "UTC", "mailboxes": [ { "id": "help", "provider": "Imap", "address": "help@harborlightit.com" } ] }
            """, "ws.json"));
        missing.Message.ShouldContain("'mailboxes[0].imap' (host, port, tls, username) is required");

        var wrong = Should.Throw<WorkspaceConfigException>(() => WorkspaceConfigParser.Parse("""
            { "id": "ws", "timeZone": "UTC", "mailboxes": [ { "id": "help", "provider": "Imap", "address": "help@harborlightit.com",
              "imap": { "host": "", "tls": "Maybe", "username": "help" } } ] }
            """, "ws.json"));
        wrong.Message.ShouldContain("'mailboxes[0].imap.host' is required");
        wrong.Message.ShouldContain("'mailboxes[0].imap.tls' must be SslOnConnect, StartTls or None, not 'Maybe'");
    }
}
