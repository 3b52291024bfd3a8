using System.Text.Json;

namespace OpsHelm.Cli.Tests.Commands;

public class IngestCommandTests
{
    private static readonly string Config = CliRun.Fixture("demo", "workspace.json");
    private static readonly string Mailbox = CliRun.Fixture("demo", "mailbox.jsonl");

    [Fact]
    public async Task Ingesting_the_same_source_twice_duplicates_nothing_and_the_second_run_reports_zero_new()
    {
        using var temp = new CliRun.TempDirectory();
        var first = await IngestAsync(temp.Path);
        var counts = await CountsAsync(temp.Path);
        var second = await IngestAsync(temp.Path);

        first.GetProperty("counts").GetProperty("new").GetInt32().ShouldBeGreaterThan(60);
        second.GetProperty("counts").GetProperty("new").GetInt32().ShouldBe(0);
        second.GetProperty("counts").GetProperty("alreadyRecorded").GetInt32().ShouldBe(first.GetProperty("counts").GetProperty("new").GetInt32());
        second.GetProperty("counts").GetProperty("exceptions").GetInt32().ShouldBe(0);
        (await CountsAsync(temp.Path)).ShouldBe(counts);
    }

    [Fact]
    public async Task A_bad_workspace_config_fails_naming_the_file_and_writes_nothing()
    {
        using var temp = new CliRun.TempDirectory();
        foreach (var bad in new[] { "unknown-timezone.json", "not-json.json" })
        {
            var path = CliRun.Fixture("bad", bad);
            var (exitCode, _, error) = await CliRun.InProcessAsync("ingest", "--workspace-config", path, "--source", Mailbox, "--store", temp.Path);
            exitCode.ShouldBe(2);
            error.ShouldContain(bad);
        }
        var (runsExit, _, runsError) = await CliRun.InProcessAsync("runs", "--store", temp.Path);
        runsExit.ShouldBe(2);
        runsError.ShouldContain("no workspace");
    }

    [Fact]
    public async Task A_malformed_source_line_is_an_exception_naming_file_and_line_and_the_rest_is_processed()
    {
        using var temp = new CliRun.TempDirectory();
        var source = CliRun.Fixture("bad", "one-malformed-line.jsonl");
        var samples = CliRun.Fixture("samples", "workspace.json");
        var (exitCode, output, error) = await CliRun.InProcessAsync("ingest", "--workspace-config", samples, "--source", source, "--store", temp.Path, "--json");
        exitCode.ShouldBe(0, error);
        var run = JsonDocument.Parse(output).RootElement.GetProperty("run");
        run.GetProperty("counts").GetProperty("new").GetInt32().ShouldBe(3);

        var (_, exceptions, _) = await CliRun.InProcessAsync("exceptions", "--store", temp.Path, "--json");
        var parseFailure = JsonDocument.Parse(exceptions).RootElement.EnumerateArray().Single(e => e.GetProperty("reason").GetString() == "ParseFailure");
        parseFailure.GetProperty("details").GetString()!.ShouldContain("one-malformed-line.jsonl line 2");
        parseFailure.GetProperty("messageId").GetString().ShouldBe("line:2");
    }

    [Fact]
    public async Task Two_processes_ingesting_one_workspace_at_once_duplicate_nothing()
    {
        using var temp = new CliRun.TempDirectory();
        using var a = CliRun.Start("ingest", "--workspace-config", Config, "--source", Mailbox, "--store", temp.Path, "--json");
        using var b = CliRun.Start("ingest", "--workspace-config", Config, "--source", Mailbox, "--store", temp.Path, "--json");
        var outputs = await Task.WhenAll(a.StandardOutput.ReadToEndAsync(), b.StandardOutput.ReadToEndAsync());
        var errors = await Task.WhenAll(a.StandardError.ReadToEndAsync(), b.StandardError.ReadToEndAsync());
        await Task.WhenAll(a.WaitForExitAsync(), b.WaitForExitAsync());
        a.ExitCode.ShouldBe(0, errors[0]);
        b.ExitCode.ShouldBe(0, errors[1]);

        var news = outputs.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("run").GetProperty("counts").GetProperty("new").GetInt32()).ToArray();
        news.Sum().ShouldBe(73);
        news.ShouldContain(0);
        (await CountsAsync(temp.Path)).Events.ShouldBe(73);
    }

    [Fact]
    public async Task The_read_back_commands_show_what_was_stored()
    {
        using var temp = new CliRun.TempDirectory();
        await IngestAsync(temp.Path);
        var (exitCode, output, error) = await CliRun.InProcessAsync("tickets", "--store", temp.Path, "--workspace", "ws-demo");
        exitCode.ShouldBe(0, error);
        output.ShouldContain("INC");
        var (otherExit, _, otherError) = await CliRun.InProcessAsync("tickets", "--store", temp.Path, "--workspace", "ws-someone-else");
        otherExit.ShouldBe(2);
        otherError.ShouldContain("ws-someone-else");
    }

    [Fact]
    public async Task Since_leaves_out_messages_sent_before_it_and_counts_them()
    {
        using var temp = new CliRun.TempDirectory();
        var (exitCode, output, error) = await CliRun.InProcessAsync("ingest", "--workspace-config", Config, "--source", Mailbox,
            "--store", temp.Path, "--since", "2026-11-16", "--json");
        exitCode.ShouldBe(0, error);
        var counts = JsonDocument.Parse(output).RootElement.GetProperty("run").GetProperty("counts");
        var skipped = counts.GetProperty("skippedBeforeSince").GetInt32();
        skipped.ShouldBeGreaterThan(0);
        (counts.GetProperty("new").GetInt32() + skipped).ShouldBe(73);
        var events = await CountsAsync(temp.Path);
        events.Events.ShouldBe(73 - skipped);
    }

    [Fact]
    public async Task A_since_that_is_not_a_date_is_refused_by_name()
    {
        using var temp = new CliRun.TempDirectory();
        var (exitCode, _, error) = await CliRun.InProcessAsync("ingest", "--workspace-config", Config, "--source", Mailbox, "--store", temp.Path, "--since", "last tuesday");
        exitCode.ShouldBe(2);
        error.ShouldContain("--since 'last tuesday'");
    }

    private static async Task<JsonElement> IngestAsync(string store)
    {
        var (exitCode, output, error) = await CliRun.InProcessAsync("ingest", "--workspace-config", Config, "--source", Mailbox, "--store", store, "--json");
        exitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("run");
    }

    private static async Task<(int Tickets, int Commitments, int Events)> CountsAsync(string store)
    {
        await using var opened = OpsHelm.Storage.Embedded.EmbeddedStore.Open(store, TimeProvider.System);
        var tickets = await opened.Records.ListTicketsAsync("ws-demo", default);
        var commitments = await opened.Records.ListCommitmentsAsync("ws-demo", default);
        var events = await opened.Records.ListEventsAsync("ws-demo", default);
        var tasks = await opened.Records.ListTasksAsync("ws-demo", default);
        var exceptions = await opened.Records.ListExceptionsAsync("ws-demo", null, default);
        tasks.Select(t => t.Id).Distinct().Count().ShouldBe(tasks.Count);
        exceptions.Select(e => e.Id).Distinct().Count().ShouldBe(exceptions.Count);
        return (tickets.Count, commitments.Count, events.Count);
    }
}
