using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Runs;

/// <summary>What became of one source item.</summary>
/// <param name="ResultId">The message id, or <c>line:n</c>.</param>
/// <param name="Outcome">The pipeline's outcome; null when the item could not be read or processed.</param>
/// <param name="Exceptions">Exceptions raised for the item.</param>
/// <param name="AlreadyRecorded">True when an earlier run had recorded it.</param>
/// <param name="Origin">Where the source read it (a file, and the index within an mbox), when the source says.</param>
public sealed record ItemResult(string ResultId, MessageOutcome? Outcome, IReadOnlyList<ExceptionRecord> Exceptions, bool AlreadyRecorded, string? Origin = null);
