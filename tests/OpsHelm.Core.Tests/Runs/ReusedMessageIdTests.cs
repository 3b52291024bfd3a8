using OpsHelm.Core.Messages;
using TestMessages = OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Runs;

public sealed class ReusedMessageIdTests
{
    [Fact]
    public async Task Message_id_repeated_under_another_provider_id_is_recorded_with_evidence_of_the_reuse()
    {
        await using var harness = new RunnerHarness();
        var first = TestMessages.Received("ops@quarrylane.com", "Printer offline", "The printer is offline.", id: "graph-1") with { InternetMessageId = "<abc@quarrylane.com>" };
        var second = first with { ProviderMessageId = "graph-2", Folder = "archive" };

        await harness.RunAsync(first);
        var run = await harness.RunAsync(second);

        run.Counts.New.ShouldBe(1);
        var events = await harness.Store.Records.ListEventsAsync(TestMessages.Workspace.Id, CancellationToken.None);
        events.Select(e => e.ProviderMessageId).ShouldBe(["graph-1", "graph-2"], ignoreOrder: true);
        events.Single(e => e.ProviderMessageId == "graph-2").Evidence
            .ShouldContain(e => e.Contains("internetMessageId already recorded under provider id graph-1"));
        events.Single(e => e.ProviderMessageId == "graph-1").Evidence.ShouldNotContain(e => e.Contains("internetMessageId already recorded"));
    }

    [Fact]
    public async Task Rereading_the_same_provider_message_is_not_taken_for_a_reuse()
    {
        await using var harness = new RunnerHarness();
        var message = TestMessages.Received("ops@quarrylane.com", "Printer offline", "The printer is offline.", id: "graph-1") with { InternetMessageId = "<abc@quarrylane.com>" };

        await harness.RunAsync(message);
        var again = await harness.RunAsync(message);

        again.Counts.New.ShouldBe(0);
        again.Counts.AlreadyRecorded.ShouldBe(1);
        (await harness.Store.Records.ListEventsAsync(TestMessages.Workspace.Id, CancellationToken.None)).Count.ShouldBe(1);
    }
}
