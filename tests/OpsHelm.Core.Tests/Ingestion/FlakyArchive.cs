using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;

namespace OpsHelm.Core.Tests.Ingestion;

/// <summary>The real archive with reads of chosen keys failing a set number of times, standing in for a storage outage; counts the reads.</summary>
internal sealed class FlakyArchive(IMessageArchive inner) : IMessageArchive
{
    private readonly Dictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> reads of <paramref name="eventKey"/> throw (<see cref="int.MaxValue"/>: every read).</summary>
    public void FailReads(string eventKey, int times)
    {
        lock (_reads)
        {
            _failuresLeft[eventKey] = times;
        }
    }

    public int ReadsOf(string eventKey)
    {
        lock (_reads)
        {
            return _reads.GetValueOrDefault(eventKey);
        }
    }

    public Task SaveAsync(string workspaceId, string eventKey, InboundMessage message, CancellationToken cancellationToken) =>
        inner.SaveAsync(workspaceId, eventKey, message, cancellationToken);

    public Task<InboundMessage?> FindAsync(string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        lock (_reads)
        {
            _reads[eventKey] = _reads.GetValueOrDefault(eventKey) + 1;
            if (_failuresLeft.GetValueOrDefault(eventKey) > 0)
            {
                _failuresLeft[eventKey]--;
                throw new IOException($"the archive could not be read for {eventKey}");
            }
        }
        return inner.FindAsync(workspaceId, eventKey, cancellationToken);
    }
}
