using System.Net;
using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;
using OpsHelm.Storage.Azure;
using OpsHelm.Storage.Azure.Tables;
using OpsHelm.Storage.Embedded;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>The Table adapter against Azurite: ETag races, the subscription lookup's point read, odd keys, and an Azurite that stops.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class TableStoreTests(EmulatorsFixture emulators)
{
    private static readonly DateTimeOffset Run = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static ProcessingState Checkpoint(string checkpoint, DateTimeOffset run) => new()
    {
        WorkspaceId = "ws", Mailbox = "me@msp.example", Folder = "inbox", Checkpoint = checkpoint, LastSuccessfulRun = run, LastProcessedMessageId = "m-" + checkpoint,
    };

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Two_writers_racing_on_one_checkpoint_one_wins_the_other_retries_with_the_fresh_row_and_the_newest_checkpoint_stays(
        bool rowExists, bool loserIsNewer)
    {
        var options = emulators.Tables();
        var winner = await TableStore.ConnectAsync(options, null, CancellationToken.None);
        if (rowExists)
        {
            await winner.States.SaveAsync(Checkpoint("delta-1", Run), CancellationToken.None);
        }
        var winners = Checkpoint("delta-A", Run.AddMinutes(10));
        var losers = Checkpoint("delta-B", loserIsNewer ? Run.AddMinutes(20) : Run.AddMinutes(5));
        // The loser has read the row; before its write goes out, the winner's whole save lands.
        var race = new OnceBefore(r => r.Method != RequestMethod.Get && r.Uri.Path.Contains("checkpoints", StringComparison.Ordinal),
            () => winner.States.SaveAsync(winners, CancellationToken.None));
        var loser = await TableStore.ConnectAsync(options with { CreateTablesAtStartup = false }, null,
            o => o.AddPolicy(race, HttpPipelinePosition.PerRetry), CancellationToken.None);

        await loser.States.SaveAsync(losers, CancellationToken.None);

        var refused = rowExists ? HttpStatusCode.PreconditionFailed : HttpStatusCode.Conflict;
        race.Seen.Where(r => r.Method != "GET").First().Status.ShouldBe((int)refused, "the loser's first write carried a stale ETag (or raced an insert)");
        race.Seen.Count(r => r.Method == "GET").ShouldBe(2, "the loser read the row again after losing");
        var stored = (await winner.States.ListAsync("ws", CancellationToken.None)).ShouldHaveSingleItem();
        stored.ShouldBe(loserIsNewer ? losers : winners, "the checkpoint of the later run is kept; an older run's never replaces it");
    }

    [Fact]
    public async Task A_notification_finds_its_subscription_by_id_with_one_point_read()
    {
        var options = emulators.Tables();
        var seen = new OnceBefore(_ => false, () => Task.CompletedTask);
        var store = await TableStore.ConnectAsync(options, null, o => o.AddPolicy(seen, HttpPipelinePosition.PerRetry), CancellationToken.None);
        var subscription = new ProviderSubscription
        {
            Id = "AAMkAGI2/sub+1==?#'", WorkspaceId = "ws-1", Provider = "Graph", SourceId = "me@x", Resource = "/users/me@x/messages",
            ClientState = "s3cret-state", ExpiresAt = Run.AddDays(3), RenewedAt = Run,
        };
        await store.Subscriptions.SaveAsync(subscription, CancellationToken.None);
        var before = seen.Seen.Count;

        var found = await store.Subscriptions.FindAsync(subscription.Id, CancellationToken.None);

        found.ShouldBe(subscription);
        var requests = seen.Seen.Skip(before).ToList();
        var read = requests.ShouldHaveSingleItem("one request, whatever the workspace");
        read.Method.ShouldBe("GET");
        read.Uri.AbsolutePath.ShouldContain($"{options.TablePrefix}subscriptionids(PartitionKey=");
        read.Uri.Query.ShouldNotContain("$filter", Case.Sensitive, "a point read, not a query");
    }

    [Fact]
    public async Task Graph_subscriptions_and_Gmail_watches_go_to_their_own_tables_and_list_together_per_workspace()
    {
        var store = await TableStore.ConnectAsync(emulators.Tables(), null, CancellationToken.None);
        var graph = new ProviderSubscription { Id = "sub-1", WorkspaceId = "ws", Provider = "Graph", SourceId = "me@x", Resource = "/me/messages", ClientState = "cs" };
        var gmail = new ProviderSubscription { Id = "gmail:me@y", WorkspaceId = "ws", Provider = "Gmail", SourceId = "me@y", Resource = "INBOX", HistoryId = "42" };
        await store.Subscriptions.SaveAsync(graph, CancellationToken.None);
        await store.Subscriptions.SaveAsync(gmail, CancellationToken.None);

        (await store.Subscriptions.ListAsync("ws", CancellationToken.None)).ShouldBe([gmail, graph], "by id");
        (await store.Subscriptions.FindAsync("gmail:me@y", CancellationToken.None))!.HistoryId.ShouldBe("42");
        (await store.Subscriptions.DeleteAsync("ws", "gmail:me@y", CancellationToken.None)).ShouldBeTrue();
        (await store.Subscriptions.FindAsync("gmail:me@y", CancellationToken.None)).ShouldBeNull();
        (await store.Subscriptions.ListAsync("ws", CancellationToken.None)).ShouldBe([graph]);
    }

    [Fact]
    public async Task Checkpoints_of_mailboxes_and_folders_with_characters_tables_refuse_round_trip_apart()
    {
        var store = await TableStore.ConnectAsync(emulators.Tables(), null, CancellationToken.None);
        string[] folders = ["Inbox/Sub", "a#b?c", "Ünïcödé 文件夹", "50%|off", "tab\there", new string('f', 1000), new string('f', 999) + "g"];
        var saved = folders.Select((f, i) => new ProcessingState { WorkspaceId = "ws/../x", Mailbox = "me@x", Folder = f, Checkpoint = "c" + i }).ToList();

        foreach (var state in saved)
        {
            await store.States.SaveAsync(state, CancellationToken.None);
        }

        (await store.States.ListAsync("ws/../x", CancellationToken.None)).OrderBy(s => s.Checkpoint, StringComparer.Ordinal)
            .ShouldBe(saved.OrderBy(s => s.Checkpoint, StringComparer.Ordinal));
        (await store.States.ListAsync("ws", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Azurite_stopped_mid_run_fails_the_run_with_an_error_naming_the_endpoint_and_leaves_the_last_whole_page_checkpointed()
    {
        using var directory = new TempStoreDirectory();
        var location = Path.Combine(directory.Path, "azurite");
        Directory.CreateDirectory(location);
        var port = EmulatorProcess.FreePort();
        var azurite = await EmulatorProcess.StartAsync(EmulatorsFixture.Directory, "azurite-table", TimeSpan.FromSeconds(60), port, ["--location", location]);
        var endpoint = new Uri(azurite.Endpoint, "/" + EmulatorsFixture.AccountName);
        var options = EmulatorsFixture.TablesAt(endpoint) with { MaxRetries = 1 };
        var tables = await TableStore.ConnectAsync(options, null, CancellationToken.None);
        var time = new FakeTimeProvider(Run);
        using var embedded = EmbeddedStore.Open(directory.Path, time);
        var runner = new IngestionRunner(tables.States, embedded.Records, embedded.Attachments, embedded.Archive, embedded.Locks,
            new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance);
        var demo = Path.Combine(RepositoryRoot.Path, "demo");
        // The runner reads the source ahead of recording: Azurite stops once the first page's checkpoints are written, before the second page is handed out.
        var source = new StopsAfterFirstPage(new JsonLinesMessageSource(Path.Combine(demo, "mailbox.jsonl"), batchSize: 25), async (workspaceId, firstPage) =>
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while ((await tables.States.ListAsync(workspaceId, CancellationToken.None)).Count < firstPage.Checkpoints.Count && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
            await azurite.InterruptAsync(TimeSpan.FromSeconds(10));
        });
        var request = new RunRequest { Config = new WorkspaceConfigFile(Path.Combine(demo, "workspace.json")), Source = source, Trigger = "Cli" };

        var error = await Should.ThrowAsync<StorageUnavailableException>(() => runner.RunAsync(request, CancellationToken.None));

        error.Message.ShouldStartWith($"Table storage at {endpoint.AbsoluteUri.TrimEnd('/')} could not be reached while writing to table {options.TablePrefix}checkpoints");
        using var restarted = await EmulatorProcess.StartAsync(EmulatorsFixture.Directory, "azurite-table", TimeSpan.FromSeconds(60), port, ["--location", location]);
        var after = await TableStore.ConnectAsync(options with { CreateTablesAtStartup = false }, null, CancellationToken.None);
        var checkpoints = await after.States.ListAsync(source.WorkspaceId!, CancellationToken.None);
        source.Pages.Count.ShouldBeGreaterThanOrEqualTo(2, "the run stopped on its second page");
        checkpoints.Select(c => (c.Mailbox, c.Folder, c.Checkpoint)).ShouldBe(
            source.Pages[0].Checkpoints.Select(c => (c.Mailbox, c.Folder, (string?)c.Checkpoint)).OrderBy(c => c.Mailbox, StringComparer.Ordinal).ThenBy(c => c.Folder, StringComparer.Ordinal),
            "the first page's checkpoints, and nothing of the page being written when Azurite stopped");
    }

    /// <summary>Hands out its source's first page, then runs <c>stop</c> (given the workspace id and that page) before handing out the rest.</summary>
    private sealed class StopsAfterFirstPage(IMessageSource inner, Func<string, SourceBatch, Task> stop) : IMessageSource
    {
        public List<SourceBatch> Pages { get; } = [];

        public string? WorkspaceId { get; private set; }

        public string Description => inner.Description;

        public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            WorkspaceId = workspace.Id;
            await foreach (var batch in inner.ReadAsync(workspace, states, since, cancellationToken))
            {
                if (Pages.Count == 1)
                {
                    await stop(workspace.Id, Pages[0]);
                }
                Pages.Add(batch);
                yield return batch;
            }
        }
    }
}
