namespace OpsHelm.Core.Tests.Runs;

public sealed class RepairEvidenceTests
{
    [Fact]
    public async Task What_a_connector_repaired_is_recorded_as_evidence_of_the_message()
    {
        await using var harness = new RunnerHarness();
        var message = Pipeline.Messages.Received("ana@fabrikam.com", "printer", "bad \uFFFD x", id: "m-repaired")
            with { Repairs = ["content repaired: 1 lone surrogate escape(s) replaced by U+FFFD"] };

        var run = await harness.RunAsync(message, Pipeline.Messages.Received("ana@fabrikam.com", "printer", "fine", id: "m-fine"));

        run.Status.ShouldBe("Succeeded");
        var events = await harness.Store.Records.ListEventsAsync(Pipeline.Messages.Workspace.Id, default);
        events.Single(e => e.ProviderMessageId == "m-repaired").Evidence.ShouldContain("content repaired: 1 lone surrogate escape(s) replaced by U+FFFD");
        events.Single(e => e.ProviderMessageId == "m-fine").Evidence.ShouldNotContain(e => e.StartsWith("content repaired", StringComparison.Ordinal));
    }
}
