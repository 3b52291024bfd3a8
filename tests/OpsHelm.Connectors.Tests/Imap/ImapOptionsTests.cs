using Microsoft.Extensions.Configuration;
using OpsHelm.Connectors.Imap;

namespace OpsHelm.Connectors.Tests.Imap;

public sealed class ImapOptionsTests
{
    [Fact]
    public void Secrets_bind_from_settings_keyed_by_mailbox_id_as_the_environment_spells_them()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Imap:Secrets:helpdesk"] = "app-password", ["Imap:BatchSize"] = "50" })
            .Build();
        var options = new ImapOptions();

        configuration.GetSection(ImapOptions.SectionName).Bind(options);

        options.Secrets["HELPDESK"].ShouldBe("app-password");
        options.BatchSize.ShouldBe(50);
        Should.NotThrow(options.Validate);
    }

    [Fact]
    public void Validation_names_every_wrong_setting()
    {
        var options = new ImapOptions { BatchSize = 0, MaxRetries = 11, RetryBaseDelay = TimeSpan.FromMinutes(5), ResyncWindow = TimeSpan.Zero };

        var error = Should.Throw<InvalidOperationException>(options.Validate);

        error.Message.ShouldContain("Imap:BatchSize");
        error.Message.ShouldContain("Imap:MaxRetries");
        error.Message.ShouldContain("Imap:RetryBaseDelay");
        error.Message.ShouldContain("Imap:ResyncWindow");
    }
}
