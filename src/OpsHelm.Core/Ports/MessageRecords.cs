using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ports;

/// <summary>What one message raised: its tasks (asks and promises), the commitments made in it and its exceptions.</summary>
/// <param name="Tasks">Tasks whose source is the message, by due date.</param>
/// <param name="Commitments">Commitments made in the message, by due date.</param>
/// <param name="Exceptions">Exceptions on the message, newest first.</param>
public sealed record MessageRecords(IReadOnlyList<WorkTask> Tasks, IReadOnlyList<Commitment> Commitments, IReadOnlyList<ExceptionRecord> Exceptions);
