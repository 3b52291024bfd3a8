using Microsoft.DurableTask;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Work;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.DurableWorker.StandIn;

/// <summary>STAND-IN PullPage: reads the page after the cursor, keeps its messages in the archive, returns their keys.</summary>
public sealed class StandInPullPage(IMessageSource source, WorkspaceConfig workspace, IProcessingStateStore states, IRecordStore records,
    IMessageArchive archive, TimeProvider time) : TaskActivity<StandInPullRequest, StandInPage>
{
    /// <inheritdoc />
    public override async Task<StandInPage> RunAsync(TaskActivityContext context, StandInPullRequest input)
    {
        if (await records.FindRunAsync(input.WorkspaceId, input.RunId, CancellationToken.None) is null)
        {
            await records.SaveRunAsync(new IngestionRun { RunId = input.RunId, WorkspaceId = input.WorkspaceId, Trigger = "Manual", StartedAt = time.GetUtcNow() },
                CancellationToken.None);
        }
        var from = Cursor.Merge(await states.ListAsync(input.WorkspaceId, CancellationToken.None), input.Cursor, input.WorkspaceId);
        await using var pages = source.ReadAsync(workspace, from, null, CancellationToken.None).GetAsyncEnumerator();
        if (!await pages.MoveNextAsync())
        {
            return new StandInPage([], [], input.Cursor, Exhausted: true);
        }
        var batch = pages.Current;
        var keys = new List<string>(batch.Items.Count);
        foreach (var message in batch.Items.Select(i => i.Message).OfType<InboundMessage>())
        {
            var key = NormalizeStep.EventKey(message);
            await archive.SaveAsync(input.WorkspaceId, key, message, CancellationToken.None);
            keys.Add(key);
        }
        var exhausted = !await pages.MoveNextAsync();
        return new StandInPage(keys, batch.Checkpoints, Cursor.Advance(input.Cursor, batch.Checkpoints), exhausted);
    }
}

/// <summary>STAND-IN ProcessMessage: steps 4–7 for one archived message (idempotent); returns its disposition.</summary>
public sealed class StandInProcessMessage(MessageProcessor processor, WorkspaceProfile profile, IMessageArchive archive)
    : TaskActivity<StandInItemRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, StandInItemRequest input)
    {
        var message = await archive.FindAsync(input.WorkspaceId, input.EventKey, CancellationToken.None)
            ?? throw new InvalidOperationException($"{input.EventKey} is not in the archive");
        var processed = await processor.ProcessAsync(new SourceItem(0, message), profile, input.RunId, null, false, CancellationToken.None);
        return processed.Summary.Disposition.ToString();
    }
}

/// <summary>STAND-IN RecordProcessingFailure: the message becomes a ProcessingFailed exception, never dropped.</summary>
public sealed class StandInRecordProcessingFailure(MessageProcessor processor) : TaskActivity<StandInItemRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, StandInItemRequest input)
    {
        var messageId = input.EventKey[(input.EventKey.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var summary = await processor.RecordItemFailureAsync(input.WorkspaceId, input.RunId, input.EventKey, messageId, input.Error ?? "failed", CancellationToken.None);
        return summary.Disposition.ToString();
    }
}

/// <summary>STAND-IN CommitCheckpoints: writes a page's checkpoints once all its messages are recorded.</summary>
public sealed class StandInCommitCheckpoints(IProcessingStateStore states, TimeProvider time) : TaskActivity<StandInCommitRequest, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, StandInCommitRequest input)
    {
        foreach (var checkpoint in input.Checkpoints)
        {
            await states.SaveAsync(new ProcessingState
            {
                WorkspaceId = input.WorkspaceId,
                Mailbox = checkpoint.Mailbox,
                Folder = checkpoint.Folder,
                Checkpoint = checkpoint.Checkpoint,
                LastProcessedMessageId = checkpoint.LastMessageId,
                LastSuccessfulRun = time.GetUtcNow(),
            }, CancellationToken.None);
        }
        return input.Checkpoints.Count;
    }
}

/// <summary>STAND-IN FinalizeRun: the run's counts and status.</summary>
public sealed class StandInFinalizeRun(IRecordStore records, TimeProvider time) : TaskActivity<StandInRunState, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, StandInRunState input)
    {
        var run = await records.FindRunAsync(input.WorkspaceId, input.RunId!, CancellationToken.None)
            ?? throw new InvalidOperationException($"run {input.RunId} is not in the store");
        var ended = time.GetUtcNow();
        await records.SaveRunAsync(run with
        {
            Status = input.Failed == 0 ? "Succeeded" : "CompletedWithErrors",
            EndedAt = ended,
            DurationMs = (long)(ended - run.StartedAt).TotalMilliseconds,
            CheckpointWritten = true,
            Counts = run.Counts with { Fetched = input.Fetched, New = input.New, AlreadyRecorded = input.AlreadyRecorded },
        }, CancellationToken.None);
        return run.RunId;
    }
}
