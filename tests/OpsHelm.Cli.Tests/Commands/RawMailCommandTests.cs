using System.Text.Json;

namespace OpsHelm.Cli.Tests.Commands;

/// <summary>replay and ingest over raw mail: a folder of .eml files and an .mbox export.</summary>
public class RawMailCommandTests
{
    private static readonly string Config = CliRun.Fixture("mime", "workspace.json");
    private static readonly string EmlFolder = CliRun.Fixture("mime", "eml");
    private static readonly string Mbox = CliRun.Fixture("mime", "thunderbird-inbox.mbox");

    private static async Task<List<JsonElement>> ReplayAsync(CliRun.TempDirectory temp, string input)
    {
        var results = temp.File("results.jsonl");
        var (exitCode, _, error) = await CliRun.InProcessAsync("replay", "--workspace-config", Config, "--input", input, "--results", results);
        exitCode.ShouldBe(0, error);
        return File.ReadAllLines(results).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task Replay_of_a_folder_of_eml_files_writes_one_line_per_file_in_file_name_order()
    {
        using var temp = new CliRun.TempDirectory();

        var lines = await ReplayAsync(temp, EmlFolder);

        var files = Directory.GetFiles(EmlFolder, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        lines.Select(l => l.GetProperty("source").GetString()).ShouldBe(files);
        var byFile = lines.ToDictionary(l => l.GetProperty("source").GetString()!);
        byFile["teams-invite.eml"].GetProperty("messageId").GetString().ShouldBe("SJ0PR10MB5555A1B2C3D4E5F6A7B8C9D0E1F2A@SJ0PR10MB5555.namprd10.prod.outlook.com");
        byFile["teams-invite.eml"].GetProperty("category").GetString().ShouldBe("Meeting");
        byFile["cancellation.eml"].GetProperty("category").GetString().ShouldBe("Meeting");
        byFile["newsletter-list-unsubscribe.eml"].GetProperty("category").GetString().ShouldBe("Noise");
        byFile["ooo-french.eml"].GetProperty("category").GetString().ShouldBe("Noise");
        byFile["smime-signed.eml"].GetProperty("ticket").GetProperty("id").GetString().ShouldBe("INC0012399");
        var bounce = byFile["dsn-postfix.eml"];
        bounce.GetProperty("category").GetString().ShouldBe("Noise");
        bounce.GetProperty("evidence")[0].GetString().ShouldBe(
            "delivery status report: r.okafor@quarrylane.com failed (status 5.1.1); bounce of our message <c81f2e0a-5b1d-4b8e-9f3a-2d7e6a1c0b44@harborlightit.com>");
        byFile["no-message-id-empty-date.eml"].GetProperty("messageId").GetString()!.ShouldStartWith("mime-");
    }

    [Fact]
    public async Task Replay_of_an_mbox_writes_one_line_per_message_in_file_order_with_its_index()
    {
        using var temp = new CliRun.TempDirectory();

        var lines = await ReplayAsync(temp, Mbox);

        lines.Select(l => l.GetProperty("source").GetString()).ShouldBe(
            ["thunderbird-inbox.mbox#1", "thunderbird-inbox.mbox#2", "thunderbird-inbox.mbox#3", "thunderbird-inbox.mbox#4"]);
        lines[0].GetProperty("messageId").GetString().ShouldBe("a0c9e8f7-0000-4aaa-8bbb-quarrylane@quarrylane.com");
        lines[0].GetProperty("ticket").GetProperty("id").GetString().ShouldBe("INC0012345");
        // Our reply is on the same ticket, and its "by 3pm tomorrow" is a promise.
        lines[1].GetProperty("ticket").GetProperty("id").GetString().ShouldBe("INC0012345");
        lines[1].GetProperty("promises").GetArrayLength().ShouldBe(1);
        lines[3].GetProperty("category").GetString().ShouldBe("Noise");
    }

    [Fact]
    public async Task Ingesting_an_mbox_twice_records_nothing_new_the_second_time()
    {
        using var temp = new CliRun.TempDirectory();
        var store = Path.Combine(temp.Path, "store");

        var first = await IngestAsync(store);
        var second = await IngestAsync(store);

        first.GetProperty("counts").GetProperty("new").GetInt32().ShouldBe(4);
        first.GetProperty("checkpointWritten").GetBoolean().ShouldBeTrue();
        // The byte-offset checkpoint puts the second run after the last message: nothing is even read again.
        second.GetProperty("counts").GetProperty("new").GetInt32().ShouldBe(0);
        second.GetProperty("counts").GetProperty("fetched").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task An_eml_that_is_not_mail_is_a_ParseFailure_naming_the_file_and_the_rest_is_replayed()
    {
        using var temp = new CliRun.TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "export")).FullName;
        File.Copy(Path.Combine(EmlFolder, "html-only.eml"), Path.Combine(folder, "1.eml"));
        File.WriteAllBytes(Path.Combine(folder, "2.eml"), []);
        File.Copy(Path.Combine(EmlFolder, "ooo-french.eml"), Path.Combine(folder, "3.eml"));

        var lines = await ReplayAsync(temp, folder);

        lines.Count.ShouldBe(3);
        var failure = lines[1];
        failure.GetProperty("source").GetString().ShouldBe("2.eml");
        failure.GetProperty("exceptions")[0].GetProperty("reason").GetString().ShouldBe("ParseFailure");
        failure.GetProperty("exceptions")[0].GetProperty("details").GetString()!.ShouldStartWith("2.eml: ");
        lines[2].GetProperty("category").GetString().ShouldBe("Noise");
    }

    private static async Task<JsonElement> IngestAsync(string store)
    {
        var (exitCode, output, error) = await CliRun.InProcessAsync("ingest", "--workspace-config", Config, "--source", Mbox, "--store", store, "--json");
        exitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("run").Clone();
    }
}
