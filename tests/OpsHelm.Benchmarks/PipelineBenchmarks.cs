using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Benchmarks;

/// <summary>
/// Cost per message of steps 4–7 over the demo and sample lines, against the floor of only parsing the same JSON.
/// Normalization state (thread keys, tickets) is carried in memory across the file, as replay carries it in its store.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 40, iterationCount: 20)]
public class PipelineBenchmarks
{
    private BenchmarkInput _input = null!;
    private WorkspaceProfile _profile = null!;
    private InboundMessage[] _messages = [];
    private ReplayLineReader _reader = null!;
    private readonly MessagePipeline _pipeline = new(new PipelineOptions(), TimeProvider.System);

    /// <summary>Which line set.</summary>
    [ParamsSource(nameof(Inputs))]
    public string Set { get; set; } = "demo";

    /// <summary>The line sets.</summary>
    public static IEnumerable<string> Inputs => ["demo", "samples"];

    /// <summary>Loads the lines and maps them once for the steps-only benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkInput.Load().Single(i => i.Name == Set);
        _profile = new WorkspaceProfile(_input.Workspace);
        _reader = new ReplayLineReader("bench", _input.Workspace.WhatsApp?.DisplayNumber ?? "", 64 * 1024 * 1024);
        _messages = _input.Lines.Select((l, i) => _reader.Read(l, i + 1).Message).OfType<InboundMessage>().ToArray();
    }

    /// <summary>The floor: parse each JSON line, nothing else.</summary>
    [Benchmark(Baseline = true, Description = "floor: JSON parse only")]
    public int ParseOnly()
    {
        var total = 0;
        foreach (var line in _input.Lines)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                total += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
            }
            catch (JsonException)
            {
                total--;
            }
        }
        return total;
    }

    /// <summary>Steps 4–7 on already mapped messages.</summary>
    [Benchmark(Description = "steps 4-7")]
    public int Steps4To7() => Run(_messages);

    /// <summary>Parse, map to the neutral message, then steps 4–7: what replay does per line before the store write.</summary>
    [Benchmark(Description = "parse + map + steps 4-7")]
    public int ParseMapAndSteps()
    {
        var messages = new List<InboundMessage>(_input.Lines.Length);
        for (var i = 0; i < _input.Lines.Length; i++)
        {
            if (_reader.Read(_input.Lines[i], i + 1).Message is { } message)
            {
                messages.Add(message);
            }
        }
        return Run(messages);
    }

    private int Run(IReadOnlyList<InboundMessage> messages)
    {
        var threads = new Dictionary<string, ThreadTicket>();
        var tickets = new Dictionary<string, Ticket>();
        var now = DateTimeOffset.UtcNow;
        var records = 0;
        foreach (var message in messages)
        {
            ThreadTicket? thread = null;
            var threadKeys = _pipeline.ThreadKeysOf(message);
            foreach (var key in threadKeys)
            {
                if (threads.TryGetValue(key, out thread))
                {
                    break;
                }
            }
            var outcome = _pipeline.Process(message, _profile, thread, "bench", threadKeys);
            if (outcome.Ticket is { } observation)
            {
                tickets.TryGetValue(observation.TicketId, out var existing);
                tickets[observation.TicketId] = TicketMerger.Merge(_profile.Id, existing, observation, _profile.Config.Thresholds, now);
                foreach (var key in outcome.ThreadKeys)
                {
                    threads[key] = new ThreadTicket(observation.TicketId, observation.System);
                }
            }
            records += 1 + outcome.Tasks.Count + outcome.Commitments.Count + outcome.Exceptions.Count;
        }
        return records;
    }
}
