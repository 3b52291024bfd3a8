using System.Text;
using Microsoft.Azure.Cosmos;
using OpsHelm.Core.Records;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Azure;

/// <summary>What the Cosmos adapter does beyond the shared contract, shown on cosmosdb-server; each name says what only real Cosmos DB can prove.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class CosmosStoreTests(EmulatorsFixture emulators) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(Samples.Now);
    private readonly List<CosmosStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    private async Task<CosmosStore> ConnectAsync(CosmosStoreOptions options, Func<HttpMessageHandler, HttpMessageHandler>? handler = null)
    {
        var store = await CosmosStore.ConnectAsync(options, _time, null, handler, CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task A_recording_interrupted_before_its_commit_marker_is_retried_without_repeating_anything__atomic_visibility_needs_a_real_Cosmos_batch()
    {
        // Every event-document create fails while armed: ticket, thread keys, task, commitment and exception land, the event does not.
        var failing = new FailingWrites(r => r.Method == HttpMethod.Post && r.Content is not null && IsEventCreate(r));
        var store = await ConnectAsync(emulators.Cosmos(), failing.Wrap);
        await store.Records.RecordAsync(Samples.TicketOutcome("ws", "m0"), Samples.CountingMerge("ws", "INC0012345"), CancellationToken.None);
        failing.Armed = true;

        await Should.ThrowAsync<CosmosException>(() => store.Records.RecordAsync(Samples.TicketOutcome("ws", "m1"), Samples.CountingMerge("ws", "INC0012345"), CancellationToken.None));
        (await store.Records.HasEventAsync("ws", "email:m1", CancellationToken.None)).ShouldBeFalse("no commit marker: the message counts as unrecorded");
        failing.Armed = false;
        var retried = await store.Records.RecordAsync(Samples.TicketOutcome("ws", "m1"), Samples.CountingMerge("ws", "INC0012345"), CancellationToken.None);

        failing.Failed.ShouldBeGreaterThan(0);
        retried.ShouldBe(new Core.Ports.RecordResult(true, false, true, 1, 1, 1), "the retry reports what an uninterrupted recording would have");
        (await store.Records.ListTicketsAsync("ws", CancellationToken.None)).Single().MessageCount.ShouldBe(2, "the interrupted merge is not merged twice");
        (await store.Records.ListTasksAsync("ws", CancellationToken.None)).Count.ShouldBe(2);
        (await store.Records.ListExceptionsAsync("ws", null, CancellationToken.None)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Concurrent_recordings_of_one_ticket_from_two_clients_merge_every_message_through_ETag_retries()
    {
        var options = emulators.Cosmos();
        var first = await ConnectAsync(options);
        var second = await ConnectAsync(options with { CreateContainersAtStartup = false });

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? first : second).Records.RecordAsync(Samples.TicketOutcome("ws", $"m{i}"), Samples.CountingMerge("ws", "INC0012345"), CancellationToken.None)));

        (await first.Records.ListTicketsAsync("ws", CancellationToken.None)).Single().MessageCount.ShouldBe(12);
        (await first.Records.ListEventsAsync("ws", CancellationToken.None)).Count.ShouldBe(12);
    }

    [Fact]
    public async Task Run_counters_are_added_to_with_patch_increments()
    {
        var store = await ConnectAsync(emulators.Cosmos());
        await store.Records.SaveRunAsync(new IngestionRun { RunId = "r1", WorkspaceId = "ws", Trigger = "Push", StartedAt = Samples.SentAt }, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            store.IncrementRunCountersAsync("ws", "r1", new Dictionary<string, int> { ["Fetched"] = 1, ["New"] = 2 }, CancellationToken.None)));

        var run = (await store.Records.ListRunsAsync("ws", 1, CancellationToken.None)).Single();
        run.Counts.Fetched.ShouldBe(5);
        run.Counts.New.ShouldBe(10);
        (await store.IncrementRunCountersAsync("ws", "unknown", new Dictionary<string, int> { ["Fetched"] = 1 }, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_finished_run_is_not_reopened_by_a_late_running_write()
    {
        var store = await ConnectAsync(emulators.Cosmos());
        var run = new IngestionRun { RunId = "r1", WorkspaceId = "ws", Trigger = "Cli", StartedAt = Samples.SentAt };
        await store.Records.SaveRunAsync(run with { Status = "Succeeded" }, CancellationToken.None);

        await store.Records.SaveRunAsync(run, CancellationToken.None);

        (await store.Records.ListRunsAsync("ws", 1, CancellationToken.None)).Single().Status.ShouldBe("Succeeded");
    }

    [Fact]
    public async Task Lists_follow_continuation_tokens_across_pages()
    {
        var store = await ConnectAsync(emulators.Cosmos() with { PageSize = 2 });
        for (var i = 0; i < 7; i++)
        {
            await store.Records.RecordAsync(Samples.PlainOutcome("ws", $"m{i}", Samples.SentAt.AddMinutes(i)), _ => null!, CancellationToken.None);
        }
        var before = store.Charges.Requests;

        var events = await store.Records.ListEventsAsync("ws", CancellationToken.None);

        events.Select(e => e.ProviderMessageId).ShouldBe(Enumerable.Range(0, 7).Select(i => $"m{i}"));
        (store.Charges.Requests - before).ShouldBeGreaterThanOrEqualTo(4, "seven events in pages of two take four pages");
    }

    [Fact]
    public async Task Containers_are_created_with_workspace_partitioning_TTL_and_bodies_left_out_of_the_index__enforcement_needs_real_Cosmos()
    {
        var options = emulators.Cosmos();
        var store = await ConnectAsync(options);
        using var client = Client();

        ContainerProperties records = await client.GetContainer(options.Database, options.RecordsContainer).ReadContainerAsync();

        records.PartitionKeyPath.ShouldBe("/workspaceId");
        records.DefaultTimeToLive.ShouldBe(-1);
        records.IndexingPolicy.ExcludedPaths.Select(p => p.Path).ShouldContain("/data/*");
        records.IndexingPolicy.CompositeIndexes.Count.ShouldBe(2);
        _ = store;
    }

    [Fact]
    public async Task A_done_push_notice_gets_a_TTL__its_expiry_needs_real_Cosmos()
    {
        var options = emulators.Cosmos() with { DoneNoticeTimeToLive = TimeSpan.FromHours(1) };
        var store = await ConnectAsync(options);
        await store.PushInbox.AddAsync(new Core.Sources.PushNotice { Id = "p1", WorkspaceId = "ws", Provider = "Graph", SourceId = "me@x", Kind = "created" }, CancellationToken.None);
        await store.PushInbox.MarkDoneAsync("ws", "p1", CancellationToken.None);
        using var client = Client();

        var raw = await client.GetContainer(options.Database, options.RecordsContainer)
            .ReadItemAsync<Dictionary<string, object>>("push:p1", new PartitionKey("ws"));

        raw.Resource["ttl"].ToString().ShouldBe("3600");
        raw.Resource["status"].ToString().ShouldBe("done");
    }

    [Fact]
    public async Task The_emulator_rejects_ORDER_BY_so_server_side_ordering_of_limited_lists_is_proven_only_on_real_Cosmos()
    {
        var store = await ConnectAsync(emulators.Cosmos() with { ServerSideOrderBy = true });
        await store.Records.SaveRunAsync(new IngestionRun { RunId = "r1", WorkspaceId = "ws", Trigger = "Cli", StartedAt = Samples.SentAt }, CancellationToken.None);

        var outcome = await Record.ExceptionAsync(() => store.Records.ListRunsAsync("ws", 5, CancellationToken.None));

        // If a newer emulator accepts it, the ordering must then be right.
        if (outcome is null)
        {
            (await store.Records.ListRunsAsync("ws", 5, CancellationToken.None)).Single().RunId.ShouldBe("r1");
        }
        else
        {
            // The SDK's query pipeline fails on the emulator's answer (a CosmosException or the SDK's CosmosNullReferenceException).
            outcome.GetType().Namespace.ShouldBe("Microsoft.Azure.Cosmos",
                "ServerSideOrderBy=false is the emulator setting; real Cosmos DB runs the ORDER BY with the composite index");
        }
    }

    [Fact]
    public async Task The_emulator_has_no_transactional_batch_so_an_atomic_message_write_is_proven_only_on_real_Cosmos()
    {
        var options = emulators.Cosmos();
        await ConnectAsync(options);
        using var client = Client();
        var container = client.GetContainer(options.Database, options.RecordsContainer);

        var batch = await Record.ExceptionAsync(async () =>
        {
            using var response = await container.CreateTransactionalBatch(new PartitionKey("ws"))
                .CreateItem(new Dictionary<string, object> { ["id"] = "a", ["workspaceId"] = "ws" })
                .CreateItem(new Dictionary<string, object> { ["id"] = "b", ["workspaceId"] = "ws" })
                .ExecuteAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"batch refused: {response.StatusCode}");
            }
        });

        batch.ShouldNotBeNull("if the emulator ever runs batches, RecordAsync could use one and this test should change");
    }

    private CosmosClient Client() => new(emulators.CosmosEndpoint.ToString(), EmulatorsFixture.CosmosKey, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        UseSystemTextJsonSerializerWithOptions = new System.Text.Json.JsonSerializerOptions(),
        HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        }),
    });

    private static bool IsEventCreate(HttpRequestMessage request)
    {
        var body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
        return body.Contains("\"type\":\"event\"", StringComparison.Ordinal);
    }
}
