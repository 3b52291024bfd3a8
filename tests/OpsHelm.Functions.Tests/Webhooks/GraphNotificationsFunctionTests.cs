using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Ports;
using OpsHelm.Storage.Embedded;
using OpsHelm.Functions.Tests.Fuzz;
using OpsHelm.Core.Sources;

namespace OpsHelm.Functions.Tests.Webhooks;

public sealed class GraphNotificationsFunctionTests
{
    private const string SubscriptionId = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    private const string ClientState = "s3cr3t-client-state-for-this-subscription";

    [Theory]
    [InlineData("/api/notifications/graph")]
    [InlineData("/api/notifications/graph/lifecycle")]
    public async Task The_validation_handshake_echoes_the_token_as_plain_text(string route)
    {
        using var app = new ServeApp();

        var response = await app.CreateClient().PostAsync($"{route}?validationToken=Validation%3A%20Testing%20client%20application%20reachability", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync()).ShouldBe("Validation: Testing client application reachability");
    }

    [Fact]
    public async Task The_same_notification_delivered_three_times_is_recorded_once()
    {
        using var app = new ServeApp();
        await KnownSubscriptionAsync(app);
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsync("/api/notifications/graph", Json(Notification(ClientState)))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        // The first delivery's notice starts a run in the background (the redeliveries hand on none); once it is done the
        // push is answered, and the store holds it once.
        await app.Services.GetRequiredService<InProcessIngestion>().WhenIdleAsync();
        using var watch = new StoreWatch(Path.Combine(app.StoreDirectory, EmbeddedStore.DatabaseFileName));
        watch.Counts()["push_inbox"].ShouldBe(1);
        (await app.Services.GetRequiredService<IRecordStore>().ListRunsAsync("ws-demo", 10, CancellationToken.None)).ShouldHaveSingleItem().Trigger.ShouldBe("Push");
        (await app.Services.GetRequiredService<IPushInbox>().ListPendingAsync("ws-demo", 10, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_forged_clientState_is_refused_and_nothing_is_stored()
    {
        using var app = new ServeApp();
        await KnownSubscriptionAsync(app);

        var response = await app.CreateClient().PostAsync("/api/notifications/graph", Json(Notification("guessed")));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Services.GetRequiredService<IPushInbox>().ListPendingAsync("ws-demo", 10, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_that_is_not_a_notification_collection_is_a_400()
    {
        using var app = new ServeApp();

        (await app.CreateClient().PostAsync("/api/notifications/graph", Json("{\"value\": 3}"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.CreateClient().PostAsync("/api/notifications/graph", Json("<xml/>"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task KnownSubscriptionAsync(ServeApp app) =>
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

    // The shape of Graph's change notification collection (docs: "Receive change notifications through webhooks").
    private static string Notification(string clientState) => $$"""
        {
          "value": [
            {
              "subscriptionId": "{{SubscriptionId}}",
              "subscriptionExpirationDateTime": "2026-11-23T18:23:45.9356913Z",
              "changeType": "created",
              "resource": "Users/jonah.reyes@northwindharbor.com/Messages/AAMkAGUwNjQ4ZjIxAAA=",
              "resourceData": {
                "@odata.type": "#Microsoft.Graph.Message",
                "@odata.id": "Users/jonah.reyes@northwindharbor.com/Messages/AAMkAGUwNjQ4ZjIxAAA=",
                "@odata.etag": "W/\"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf\"",
                "id": "AAMkAGUwNjQ4ZjIxAAA="
              },
              "clientState": "{{clientState}}",
              "tenantId": "84bd8158-6d4d-4958-8b9f-9d6445542f95"
            }
          ]
        }
        """;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
