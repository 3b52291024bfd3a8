using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>Tickets nobody touched for the workspace's stale days get a follow-up task, once per quiet spell.</summary>
public sealed class TicketSweep(IRecordStore records, TimeProvider time)
{
    /// <summary>Re-evaluates every ticket's risk and creates the stale-ticket tasks due; returns how many were created.</summary>
    public async Task<int> SweepAsync(WorkspaceProfile profile, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var created = 0;
        foreach (var ticket in await records.ListTicketsAsync(profile.Id, cancellationToken))
        {
            var evaluated = TicketRisk.Evaluate(ticket, profile.Config.Thresholds, now, ticket.RiskFlags.Contains(TicketRisk.Urgent));
            if (!evaluated.RiskFlags.SequenceEqual(ticket.RiskFlags) || evaluated.NextAction != ticket.NextAction)
            {
                await records.SaveTicketAsync(evaluated, cancellationToken);
            }
            if (!TicketRisk.IsStale(evaluated, profile.Config.Thresholds, now) || WasStaleWhenBackfilled(evaluated, profile.Config.Thresholds))
            {
                continue;
            }
            var task = new WorkTask
            {
                Id = StableId.Of("task", profile.Id, "stale", evaluated.TicketId, evaluated.LastActivity.ToString("O")),
                WorkspaceId = profile.Id,
                Kind = "StaleTicket",
                Title = $"Follow up on {evaluated.TicketId}: no activity since {evaluated.LastActivity:yyyy-MM-dd}",
                TicketId = evaluated.TicketId,
                Due = now,
                CreatedAt = now,
            };
            created += await records.AddTaskAsync(task, cancellationToken) ? 1 : 0;
        }
        return created;
    }

    // A backfilled ticket whose quiet spell had already passed when the backfill ran is history, not a reminder.
    private static bool WasStaleWhenBackfilled(Ticket ticket, ThresholdsConfig thresholds) =>
        ticket.BackfilledAt is { } backfilled && ticket.LastActivity.AddDays(thresholds.StaleTicketDays) <= backfilled;
}
