using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Tickets;

namespace OpsHelm.Core.Runs;

/// <summary>
/// Steps 4–7 run ahead of the recording against <see cref="Thread"/>, the ticket the message's thread was expected to have:
/// the recording uses <see cref="Outcome"/> only when the thread it finds is the same (the steps are pure, so the outcome is too).
/// </summary>
public sealed record OutcomeGuess(ThreadTicket? Thread, MessageOutcome Outcome);
