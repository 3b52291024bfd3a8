using OpsHelm.Core.Workspaces;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Runs;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Connectors.Tests.WhatsApp;

/// <summary>Webhook deliveries through the real runner and embedded store.</summary>
public class WhatsAppIngestionAcceptanceTests
{
    [Fact]
    public async Task A_webhook_batch_with_a_duplicate_and_a_forged_delivery_gives_one_EmailEvent_per_distinct_message()
    {
        await using var wa = await WhatsAppHarness.StartAsync();
        using var directory = new TempDirectory();
        await using var store = EmbeddedStore.Open(directory.Path, TimeProvider.System);
        var runner = new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new MessagePipeline(new PipelineOptions(), TimeProvider.System), TimeProvider.System, NullLogger<IngestionRunner>.Instance);
        var request = new RunRequest { Config = new LoadedWorkspaceConfig(WhatsAppHarness.Workspace), Source = wa.Source, Trigger = "Push" };

        var first = WhatsAppHarness.FixtureBytes("WhatsApp/delivery-two-entries.json");
        var redelivery = WhatsAppHarness.FixtureBytes("WhatsApp/delivery-with-redelivered-message.json");
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(redelivery).Replace("QjA0AA==", "RjA5AA==", StringComparison.Ordinal));
        var results = new[]
        {
            await wa.Handler.HandleAsync(WhatsAppHarness.Sign(first), first, CancellationToken.None),
            await wa.Handler.HandleAsync(WhatsAppHarness.Sign(redelivery), redelivery, CancellationToken.None),
            await wa.Handler.HandleAsync(WhatsAppHarness.Sign(forged, "guessed-secret"), forged, CancellationToken.None),
        };
        var run = await runner.RunAsync(request, CancellationToken.None);
        // Meta redelivers the whole batch after a timeout; the second run finds nothing new.
        await wa.Handler.HandleAsync(WhatsAppHarness.Sign(first), first, CancellationToken.None);
        var rerun = await runner.RunAsync(request, CancellationToken.None);

        results.Select(r => r.StatusCode).ShouldBe([200, 200, 401]);
        var events = await store.Records.ListEventsAsync(WhatsAppHarness.Workspace.Id, CancellationToken.None);
        events.Count.ShouldBe(7);
        events.Select(e => e.ProviderMessageId).Distinct().Count().ShouldBe(7);
        events.ShouldNotContain(e => e.ProviderMessageId.Contains("RjA5AA==", StringComparison.Ordinal));
        events.ShouldAllBe(e => e.Channel == "WhatsApp");
        run.Status.ShouldBe("Succeeded");
        rerun.Counts.Fetched.ShouldBe(0);
        events.Sum(e => e.AttachmentIds.Count).ShouldBe(3);
        foreach (var attachmentId in events.SelectMany(e => e.AttachmentIds))
        {
            (await store.Attachments.ReadAsync(WhatsAppHarness.Workspace.Id, attachmentId, CancellationToken.None)).ShouldNotBeNull();
        }
    }
}
