using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.WhatsApp;

namespace OpsHelm.Connectors.Tests.Configuration;

/// <summary>The provider settings README points people to must name real options: a typo would be silently ignored by the binder.</summary>
public sealed class ProviderSettingsSampleTests
{
    private static readonly IConfiguration Sample = Load();

    [Theory]
    [InlineData("Graph")]
    [InlineData("Gmail")]
    [InlineData("WhatsApp")]
    public void The_sample_lists_settings_for_each_provider(string section) =>
        Sample.GetSection(section).GetChildren().ShouldNotBeEmpty();

    [Fact]
    public void Every_graph_setting_in_the_sample_binds_to_an_option() =>
        Bind<GraphOptions>(Sample.GetSection("Graph")).Credential.Kind.ShouldBe(GraphCredentialKind.ClientSecret);

    [Fact]
    public void Every_gmail_setting_in_the_sample_binds_to_an_option()
    {
        var gmail = Sample.GetSection("Gmail");
        Bind<GmailCredentialOptions>(gmail.GetSection("Credential")).Mode.ShouldBe("ServiceAccount");
        Bind<GmailPushOptions>(gmail.GetSection("Push")).VerifyToken.ShouldBeTrue();
        var rest = new ConfigurationBuilder()
            .AddInMemoryCollection(gmail.AsEnumerable(makePathsRelative: true)
                .Where(p => p.Value is not null && !p.Key.StartsWith("Credential:", StringComparison.Ordinal) && !p.Key.StartsWith("Push:", StringComparison.Ordinal)))
            .Build();
        Bind<GmailOptions>(rest).ResyncWindow.ShouldBe(TimeSpan.FromDays(7));
    }

    [Fact]
    public void Every_whatsapp_setting_in_the_sample_binds_to_an_option() =>
        Bind<WhatsAppOptions>(Sample.GetSection("WhatsApp")).MaxMediaBytes.ShouldBe(25L * 1024 * 1024);

    private static T Bind<T>(IConfiguration section) where T : new()
    {
        var options = new T();
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        return options;
    }

    private static IConfiguration Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "local.settings.sample.json")))
        {
            directory = directory.Parent;
        }
        directory.ShouldNotBeNull("local.settings.sample.json not found above the test output");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "local.settings.sample.json")));
        var values = json.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.GetString()));
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
