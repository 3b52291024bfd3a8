using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;
using TestMessages = OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Runs;

public sealed class PageLookaheadTests
{
    private static readonly InboundMessage Opening = TestMessages.Received("sasha@quarrylane.com", "INC0023401 Label printers offline",
        "Opened INC0023401 for the label printers.", "conv-1", id: "graph-1");

    private static readonly InboundMessage Reply = TestMessages.Received("sasha@quarrylane.com", "RE: Label printers offline",
        "That did it, all printing again.", "conv-1", id: "graph-2");

    [Fact]
    public async Task A_reply_read_in_the_same_page_as_the_message_that_gives_its_thread_a_ticket_is_guessed_with_that_ticket()
    {
        await using var harness = new RunnerHarness();

        var pages = await ReadAsync(harness, [new SourceBatch([new SourceItem(1, Opening), new SourceItem(2, Reply)], [])]);

        pages.Single().Guesses[0]!.Thread.ShouldBeNull("nothing was recorded in the thread before the run");
        pages.Single().Guesses[1]!.Thread.ShouldBe(new ThreadTicket("INC0023401", TicketSystem.ServiceNow));
        pages.Single().Guesses[1]!.Outcome.Extraction.Ticket!.Id.ShouldBe("INC0023401");
    }

    [Fact]
    public async Task A_thread_recorded_before_the_run_is_read_from_the_store_and_a_message_already_recorded_gets_no_guess()
    {
        await using var harness = new RunnerHarness();
        await harness.RunAsync(Opening);

        var pages = await ReadAsync(harness, [new SourceBatch([new SourceItem(1, Opening)], []), new SourceBatch([new SourceItem(2, Reply)], [])]);

        pages[0].Guesses.ShouldBe([null], "the opening message is recorded already; the recording skips it");
        pages[1].Guesses[0]!.Thread.ShouldBe(new ThreadTicket("INC0023401", TicketSystem.ServiceNow));
    }

    [Fact]
    public async Task What_the_source_throws_reaches_the_recording_after_the_pages_read_before_it()
    {
        await using var harness = new RunnerHarness();
        var lookahead = PageLookahead.Start(Throwing(new SourceBatch([new SourceItem(1, Opening)], [])), harness.Store.Records,
            new MessagePipeline(new PipelineOptions(), harness.Time), TestMessages.Profile, "run-1", null, false, CancellationToken.None);
        await using (lookahead)
        {
            var taken = new List<LookaheadPage>();
            var error = await Should.ThrowAsync<IOException>(async () =>
            {
                await foreach (var page in lookahead.Pages(CancellationToken.None))
                {
                    taken.Add(page);
                }
            });

            taken.Count.ShouldBe(1);
            error.Message.ShouldBe("the mailbox went away");
        }
    }

    [Fact]
    public async Task A_guess_made_for_another_thread_than_the_recording_finds_is_not_recorded()
    {
        await using var harness = new RunnerHarness();
        await harness.RunAsync(Opening);
        var pipeline = new MessagePipeline(new PipelineOptions(), harness.Time);
        // Guessed as if the thread had no ticket yet: the recording finds INC0023401 and classifies the reply again.
        var stale = new OutcomeGuess(null, pipeline.Process(Reply, TestMessages.Profile, null, "run-2"));
        stale.Outcome.Extraction.Ticket.ShouldBeNull("without its thread the reply names no ticket");
        var processor = new MessageProcessor(harness.Store.Records, harness.Store.Attachments, harness.Store.Archive, pipeline, harness.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var processed = await processor.ProcessAsync(new SourceItem(1, Reply), TestMessages.Profile, "run-2", null, false, CancellationToken.None, guess: stale);

        processed.Result!.Outcome!.Extraction.Ticket!.Id.ShouldBe("INC0023401");
        (await harness.Store.Records.ListEventsAsync(TestMessages.Workspace.Id, CancellationToken.None))
            .Single(e => e.ProviderMessageId == "graph-2").TicketId.ShouldBe("INC0023401");
    }

    [Fact]
    public async Task A_guess_made_for_the_thread_the_recording_finds_is_recorded_as_guessed()
    {
        await using var harness = new RunnerHarness();
        var pipeline = new MessagePipeline(new PipelineOptions(), harness.Time);
        var guessed = pipeline.Process(Reply, TestMessages.Profile, null, "run-1");
        var marked = new OutcomeGuess(null, guessed with { Event = guessed.Event with { Evidence = [.. guessed.Event.Evidence, "computed ahead"] } });
        var processor = new MessageProcessor(harness.Store.Records, harness.Store.Attachments, harness.Store.Archive, pipeline, harness.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await processor.ProcessAsync(new SourceItem(1, Reply), TestMessages.Profile, "run-1", null, false, CancellationToken.None, guess: marked);

        (await harness.Store.Records.ListEventsAsync(TestMessages.Workspace.Id, CancellationToken.None))
            .Single().Evidence.ShouldContain("computed ahead");
    }

    private static async Task<List<LookaheadPage>> ReadAsync(RunnerHarness harness, IReadOnlyList<SourceBatch> batches)
    {
        await using var lookahead = PageLookahead.Start(Pages(batches), harness.Store.Records, new MessagePipeline(new PipelineOptions(), harness.Time),
            TestMessages.Profile, "run-1", null, false, CancellationToken.None);
        var pages = new List<LookaheadPage>();
        await foreach (var page in lookahead.Pages(CancellationToken.None))
        {
            pages.Add(page);
        }
        return pages;
    }

    private static async IAsyncEnumerable<SourceBatch> Pages(IReadOnlyList<SourceBatch> batches)
    {
        foreach (var batch in batches)
        {
            await Task.Yield();
            yield return batch;
        }
    }

    private static async IAsyncEnumerable<SourceBatch> Throwing(SourceBatch first)
    {
        await Task.Yield();
        yield return first;
        throw new IOException("the mailbox went away");
    }
}
