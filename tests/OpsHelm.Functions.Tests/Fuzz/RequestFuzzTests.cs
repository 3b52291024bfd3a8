using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Api.Work;
using OpsHelm.Storage.Embedded;
using Xunit.Abstractions;

namespace OpsHelm.Functions.Tests.Fuzz;

public sealed class RequestFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int RandomSeed = 20_261_121;
    private const string SubscriptionId = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    private const string ClientState = "s3cr3t-client-state-for-this-subscription";
    private const string AppSecret = "fuzz-app-secret-not-a-real-one";
    private const string VerifyToken = "fuzz-verify-token";

    [Fact]
    public async Task Ten_thousand_mutated_requests_get_no_5xx_and_a_refused_request_writes_nothing()
    {
        using var app = new ServeApp(new()
        {
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = VerifyToken,
            ["WhatsApp:AccessToken"] = "fuzz-access-token",
            // Gmail pushes are accepted unverified, so their bodies reach the parser; the OIDC check would fetch Google's keys.
            ["Gmail:Push:VerifyToken"] = "false",
            // An incomplete Graph credential leaves Graph unconfigured: a pull reads nothing instead of asking a managed identity.
            ["Graph:Credential:Kind"] = "ClientSecret",
            ["Logging:LogLevel:Default"] = "Warning",
            // Refused bindings (a 400) are logged as errors by the developer exception page; a 5xx is seen in its answer anyway.
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None",
        });
        var targets = await ArrangeAsync(app);
        var coordinator = app.Services.GetRequiredService<PullCoordinator>();
        using var client = app.CreateClient(followRedirects: false);
        using var watch = new StoreWatch(Path.Combine(app.StoreDirectory, EmbeddedStore.DatabaseFileName));
        var seeds = new SeedRequests(targets).All;
        var mutator = new RequestMutator(AppSecret);
        var random = new Random(RandomSeed);
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var version = watch.Version();
        var counts = watch.Counts();
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var sent = 0;

        for (var i = 0; i < Requests && failures.Count < 20; i++, sent++)
        {
            var seed = seeds[random.Next(seeds.Count)](random);
            var request = random.Next(10) == 0 ? seed : mutator.Mutate(seed, random);
            int status;
            try
            {
                using var message = request.ToMessage();
                using var response = await client.SendAsync(message);
                status = (int)response.StatusCode;
                if (status >= 500)
                {
                    var answer = await response.Content.ReadAsStringAsync();
                    failures.Add($"#{i} {request} answered {status}: {answer[..Math.Min(answer.Length, 6_000)]}");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"#{i} {request} threw {ex}");
                continue;
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status < 200)
            {
                failures.Add($"#{i} {request} answered {status}");
            }
            if (status is >= 200 and < 300)
            {
                // An accepted ingest pulls in the background; let it finish so its writes are not blamed on the next request.
                await coordinator.WhenIdleAsync();
            }
            var now = watch.Version();
            if (now == version)
            {
                continue;
            }
            var after = watch.Counts();
            if (status is >= 400 and < 500)
            {
                refused++;
                failures.Add($"#{i} {request} was refused with {status} but changed the store: {StoreWatch.Difference(counts, after)}");
            }
            (version, counts) = (now, after);
        }
        clock.Stop();

        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:F1} s; statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"rows at the end: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
        refused.ShouldBe(0);
        statuses.Keys.ShouldContain(200);
        statuses.Keys.ShouldContain(202);
        statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value).ShouldBeGreaterThan(Requests / 2);
        (await client.GetAsync("/api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_store_watch_sees_a_write_by_the_app_and_not_a_read()
    {
        using var app = new ServeApp();
        var inbox = app.Services.GetRequiredService<IPushInbox>();
        using var watch = new StoreWatch(Path.Combine(app.StoreDirectory, EmbeddedStore.DatabaseFileName));
        var version = watch.Version();
        var counts = watch.Counts();

        await inbox.ListPendingAsync("ws-demo", 10, CancellationToken.None);
        var afterRead = watch.Version();
        await inbox.AddAsync(new PushNotice
        {
            Id = "push-1",
            WorkspaceId = "ws-demo",
            Provider = "WhatsApp",
            SourceId = "118604729351207",
            Kind = "message",
            ReceivedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);

        afterRead.ShouldBe(version);
        watch.Version().ShouldNotBe(version);
        StoreWatch.Difference(counts, watch.Counts()).ShouldBe("push_inbox 0→1");
    }

    private static async Task<FuzzTargets> ArrangeAsync(ServeApp app)
    {
        await app.IngestDemoAsync();
        await app.IngestAsync("portal-extras.jsonl");
        await app.Services.GetRequiredService<ISubscriptionStore>().SaveAsync(new ProviderSubscription
        {
            Id = SubscriptionId,
            WorkspaceId = "ws-demo",
            Provider = "Graph",
            SourceId = "jonah.reyes@northwindharbor.com",
            Resource = "users/jonah.reyes@northwindharbor.com/mailFolders('inbox')/messages",
            ClientState = ClientState,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(2),
        }, CancellationToken.None);
        var records = app.Services.GetRequiredService<IRecordStore>();
        var events = await records.ListEventsAsync("ws-demo", CancellationToken.None);
        var targets = new FuzzTargets(SubscriptionId, ClientState, AppSecret, VerifyToken,
            [.. (await records.ListExceptionsAsync("ws-demo", null, CancellationToken.None)).Select(e => e.Id), "exc-missing"],
            [.. (await records.ListRunsAsync("ws-demo", 10, CancellationToken.None)).Select(r => r.RunId), "run-missing"],
            [.. (await records.ListTicketsAsync("ws-demo", CancellationToken.None)).Select(t => t.TicketId), "T-missing"],
            [.. events.Select(e => e.Key).Take(20), "evt-missing"],
            [.. events.SelectMany(e => e.AttachmentIds).Take(10), "att-missing"]);
        targets.ExceptionIds.Count.ShouldBeGreaterThan(1, "the fuzzer needs exceptions to triage");
        return targets;
    }
}
