using System.Threading.Channels;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>A page read ahead of the recording, with the outcome guessed for each of its items (null where none was).</summary>
internal sealed record LookaheadPage(SourceBatch Batch, IReadOnlyList<OutcomeGuess?> Guesses);

/// <summary>
/// Reads the source on a flow of its own, up to two pages ahead of the recording, and runs steps 4–7 for each new message of a
/// page against the thread ticket it is expected to find, so that reading, parsing and classifying use one core while recording
/// uses the other. The expected ticket is what the store held before the run, overlaid with what the guessed outcomes of the
/// messages before it link their thread keys to (the store keeps the latest link); the recording checks each guess.
/// </summary>
/// <remarks>
/// Started before any page is open, so the flow's store calls use connections of their own and only read. What the source throws
/// reaches the recording after the pages read before it, as it did when the recording read the source itself.
/// </remarks>
internal sealed class PageLookahead : IAsyncDisposable
{
    private readonly System.Threading.Channels.Channel<LookaheadPage> _pages = System.Threading.Channels.Channel.CreateBounded<LookaheadPage>(
        new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Dictionary<string, ThreadTicket> _linkedInRun = new(StringComparer.Ordinal);
    private readonly IRecordStore _records;
    private readonly MessagePipeline _pipeline;
    private readonly WorkspaceProfile _profile;
    private readonly string _runId;
    private readonly DateTimeOffset? _since;
    private readonly bool _observe;
    private readonly Task _reading;

    private PageLookahead(
        IAsyncEnumerable<SourceBatch> source, IRecordStore records, MessagePipeline pipeline, WorkspaceProfile profile, string runId,
        DateTimeOffset? since, bool observe, CancellationToken cancellationToken)
    {
        _records = records;
        _pipeline = pipeline;
        _profile = profile;
        _runId = runId;
        _since = since;
        _observe = observe;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reading = Task.Run(() => ReadAsync(source, _stop.Token), CancellationToken.None);
    }

    /// <summary>Starts reading <paramref name="source"/> ahead.</summary>
    public static PageLookahead Start(
        IAsyncEnumerable<SourceBatch> source, IRecordStore records, MessagePipeline pipeline, WorkspaceProfile profile, string runId,
        DateTimeOffset? since, bool observe, CancellationToken cancellationToken) =>
        new(source, records, pipeline, profile, runId, since, observe, cancellationToken);

    /// <summary>The pages in source order; throws what the source threw once the pages before it are taken.</summary>
    public IAsyncEnumerable<LookaheadPage> Pages(CancellationToken cancellationToken) => _pages.Reader.ReadAllAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReadAsync(IAsyncEnumerable<SourceBatch> source, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in source.WithCancellation(cancellationToken))
            {
                var guesses = new OutcomeGuess?[batch.Items.Count];
                for (var i = 0; i < guesses.Length; i++)
                {
                    guesses[i] = await GuessAsync(batch.Items[i], cancellationToken);
                }
                await _pages.Writer.WriteAsync(new LookaheadPage(batch, guesses), cancellationToken);
            }
            _pages.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _pages.Writer.TryComplete(ex);
        }
    }

    private async Task<OutcomeGuess?> GuessAsync(SourceItem item, CancellationToken cancellationToken)
    {
        if (item.Message is not { } message || (_since is { } from && message.SentAt < from))
        {
            return null;
        }
        if (!_observe && await _records.HasEventAsync(_profile.Id, NormalizeStep.EventKey(message), cancellationToken))
        {
            return null;
        }
        var keys = _pipeline.ThreadKeysOf(message);
        var thread = await ExpectedThreadAsync(keys, cancellationToken);
        MessageOutcome outcome;
        try
        {
            outcome = _pipeline.Process(message, _profile, thread, _runId, keys);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The recording runs the steps again and records the failure the way it always has.
            return null;
        }
        if (outcome.Ticket is { } ticket)
        {
            foreach (var key in outcome.ThreadKeys)
            {
                _linkedInRun[key] = new ThreadTicket(ticket.TicketId, ticket.System);
            }
        }
        return new OutcomeGuess(thread, outcome);
    }

    // The store's lookup takes the first key that has a link. A key this run links outranks what the store held before it, so the
    // store is asked (once) only about the keys before the first one linked in this run.
    private async Task<ThreadTicket?> ExpectedThreadAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var firstLinked = 0;
        ThreadTicket? linked = null;
        while (firstLinked < keys.Count && !_linkedInRun.TryGetValue(keys[firstLinked], out linked))
        {
            firstLinked++;
        }
        var before = firstLinked == keys.Count ? keys : keys.Take(firstLinked).ToList();
        return await _records.FindThreadTicketAsync(_profile.Id, before, cancellationToken) ?? linked;
    }
}
