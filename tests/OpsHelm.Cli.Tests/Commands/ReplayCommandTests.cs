using System.Diagnostics;
using System.Text.Json;

namespace OpsHelm.Cli.Tests.Commands;

public class ReplayCommandTests
{
    private static readonly string Samples = CliRun.Fixture("samples");

    // Issue 16's targets, asserted on both public labelled sets: the original one and a second MSP's (Europe/London, HTML notifications).
    [Theory]
    [InlineData("samples")]
    [InlineData("samples-emea")]
    public async Task Replay_of_a_labelled_set_meets_the_accuracy_targets(string set)
    {
        var fixture = CliRun.Fixture(set);
        using var temp = new CliRun.TempDirectory();
        var results = temp.File("results.jsonl");
        var (exitCode, _, error) = await CliRun.InProcessAsync("replay",
            "--workspace-config", Path.Combine(fixture, "workspace.json"),
            "--input", Path.Combine(fixture, "messages.jsonl"),
            "--results", results);
        exitCode.ShouldBe(0, error);

        var score = Score(Path.Combine(fixture, "expected.jsonl"), results);
        score.GetProperty("coverage").GetDouble().ShouldBe(1.0);
        score.GetProperty("categoryAccuracy").GetDouble().ShouldBeGreaterThanOrEqualTo(0.97);
        score.GetProperty("ticketId").GetProperty("precision").GetDouble().ShouldBeGreaterThanOrEqualTo(0.99);
        score.GetProperty("ticketId").GetProperty("recall").GetDouble().ShouldBeGreaterThanOrEqualTo(0.99);
        score.GetProperty("customerAccuracy").GetDouble().ShouldBeGreaterThanOrEqualTo(0.90);
        score.GetProperty("statusCueAccuracy").GetDouble().ShouldBeGreaterThanOrEqualTo(0.85);
        score.GetProperty("dueAccuracy").GetDouble().ShouldBeGreaterThanOrEqualTo(0.90);
        score.GetProperty("exceptionRecall").GetDouble().ShouldBeGreaterThanOrEqualTo(0.90);
        score.GetProperty("ask").GetProperty("f1").GetDouble().ShouldBeGreaterThanOrEqualTo(0.92);
        score.GetProperty("promise").GetProperty("f1").GetDouble().ShouldBeGreaterThanOrEqualTo(0.95);
        score.GetProperty("falseExceptionRate").GetDouble().ShouldBeLessThanOrEqualTo(0.03);
    }

    [Fact]
    public async Task Replay_writes_one_result_line_per_input_line_in_input_order()
    {
        using var temp = new CliRun.TempDirectory();
        var results = temp.File("results.jsonl");
        await CliRun.InProcessAsync("replay", "--workspace-config", Path.Combine(Samples, "workspace.json"),
            "--input", Path.Combine(Samples, "messages.jsonl"), "--results", results);

        var inputs = File.ReadAllLines(Path.Combine(Samples, "messages.jsonl"));
        var ids = File.ReadAllLines(results).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("messageId").GetString()).ToList();
        ids.Count.ShouldBe(inputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = TryMessageId(inputs[i]) ?? $"line:{i + 1}";
            ids[i].ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Replay_of_a_missing_input_fails_naming_the_file()
    {
        using var temp = new CliRun.TempDirectory();
        var (exitCode, _, error) = await CliRun.InProcessAsync("replay", "--workspace-config", Path.Combine(Samples, "workspace.json"),
            "--input", temp.File("nope.jsonl"), "--results", temp.File("r.jsonl"));
        exitCode.ShouldBe(2);
        error.ShouldContain("nope.jsonl");
    }

    private static string? TryMessageId(string line)
    {
        try
        {
            var message = JsonDocument.Parse(line).RootElement.GetProperty("message");
            return message.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The labelled set's own scorer decides the figures; the test only asserts the targets.
    private static JsonElement Score(string expected, string results)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(Samples, "score.py"), expected, results, "--json" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
        return JsonDocument.Parse(output).RootElement;
    }
}
