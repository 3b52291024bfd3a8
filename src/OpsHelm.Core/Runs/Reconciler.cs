using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>
/// Compares each mailbox's own list of messages in a window with what was recorded, fetches and processes what is missing,
/// and sets the run's coverage from that comparison rather than from counting what happened to arrive.
/// </summary>
public sealed class Reconciler(IngestionRunner runner, IRecordStore records, IMessageInventory inventory)
{
    /// <summary>Messages fetched per page.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Reconciles <paramref name="window"/> for every mailbox of the workspace and returns the finished run.</summary>
    public async Task<IngestionRun> ReconcileAsync(IWorkspaceConfigSource configSource, MessageWindow window, CancellationToken cancellationToken)
    {
        var config = await configSource.LoadAsync(cancellationToken);
        var listed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var missing = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var before = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var mailbox in config.Mailboxes)
        {
            var ids = (await inventory.ListIdsAsync(config, mailbox, window, cancellationToken)).Distinct(StringComparer.Ordinal).ToList();
            var recorded = await RecordedAsync(config.Id, ids, cancellationToken);
            listed[mailbox.Address] = ids;
            before[mailbox.Address] = recorded.Count;
            missing[mailbox.Address] = ids.Where(id => !recorded.Contains(Key(id))).ToList();
        }

        var run = await runner.RunAsync(new RunRequest
        {
            Config = new LoadedWorkspaceConfig(config),
            Source = new MissingMessagesSource(inventory, missing, PageSize),
            Trigger = "Reconcile",
        }, cancellationToken);

        var coverage = new List<MailboxCoverage>(config.Mailboxes.Count);
        foreach (var mailbox in config.Mailboxes)
        {
            var ids = listed[mailbox.Address];
            var after = await RecordedAsync(config.Id, ids, cancellationToken);
            coverage.Add(new MailboxCoverage(mailbox.Address, window.From, window.To, ids.Count, before[mailbox.Address], after.Count));
        }
        var totalListed = coverage.Sum(c => c.Listed);
        run = run with
        {
            Coverage = coverage,
            CoveragePercent = totalListed == 0 ? 100 : Math.Round(100.0 * coverage.Sum(c => c.RecordedAfter) / totalListed, 2),
        };
        await records.SaveRunAsync(run, cancellationToken);
        return run;
    }

    private async Task<IReadOnlySet<string>> RecordedAsync(string workspaceId, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        await records.FindRecordedEventKeysAsync(workspaceId, ids.Select(Key).ToList(), cancellationToken);

    private static string Key(string providerMessageId) => NormalizeStep.EventKey(Channel.Email, providerMessageId);
}
