using System.Net;
using System.Text.Json;
using OpsHelm.Core.Records;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class ConversationsTests : IClassFixture<ConversationsTests.IngestedApp>
{
    private readonly IngestedApp _app;

    public ConversationsTests(IngestedApp app) => _app = app;

    [Fact]
    public async Task WhatsApp_messages_are_grouped_by_conversation_the_most_recently_active_first()
    {
        var conversations = await ListAsync("ws-demo");

        // The demo mailbox has three WhatsApp senders; the extras add a new one (two messages) and a second message from one of them.
        conversations.Select(c => c.GetProperty("participant").GetString())
            .ShouldBe(["+17735550182", "+13125550199", "+16305550164", "+18155550147"]);
        conversations.Select(c => c.GetProperty("messageCount").GetInt32()).ShouldBe([2, 2, 1, 1]);
        var last = conversations.Select(c => c.GetProperty("lastMessageAt").GetDateTimeOffset()).ToList();
        last.ShouldBe(last.OrderDescending().ToList());
        conversations[0].GetProperty("conversationId").GetString().ShouldBe("wa:+17735550182");
    }

    [Fact]
    public async Task A_conversation_holds_its_messages_oldest_first_with_sender_category_and_ticket()
    {
        var conversation = (await ListAsync("ws-demo")).Single(c => c.GetProperty("participant").GetString() == "+13125550199");

        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("excerpt").GetString()).ShouldBe([
            "Morning Jonah, the front desk PC at Maple Street won't boot",
            "Never mind, someone unplugged it. Works now, thanks!",
        ]);
        messages.ShouldAllBe(m => m.GetProperty("from").GetString() == "+13125550199" && !m.GetProperty("sentByUs").GetBoolean());
        messages[0].GetProperty("eventKey").GetString().ShouldBe("WhatsApp:wamid.PORTAL-0001");
        messages.ShouldAllBe(m => Enum.IsDefined(Enum.Parse<Category>(m.GetProperty("category").GetString()!)));
        messages.ShouldAllBe(m => m.GetProperty("ticketId").ValueKind == JsonValueKind.Null);
        conversation.GetProperty("lastMessageAt").GetDateTimeOffset().ShouldBe(messages[1].GetProperty("sentAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_whatsapp_message_naming_a_ticket_carries_the_ticket_id()
    {
        var conversation = (await ListAsync("ws-demo")).Single(c => c.GetProperty("participant").GetString() == "+17735550182");

        // "any news from Dell on Ticket #512345?" (demo mailbox line 35).
        conversation.GetProperty("messages")[0].GetProperty("ticketId").GetString().ShouldBe("512345");
    }

    [Fact]
    public async Task Email_is_not_a_conversation_and_another_workspace_has_none()
    {
        (await ListAsync("ws-demo")).ShouldAllBe(c => c.GetProperty("conversationId").GetString()!.StartsWith("wa:"));
        (await ListAsync("ws-other", "ws-other")).ShouldBeEmpty();
        (await _app.Factory.ClientFor("ws-other").GetAsync("/api/workspaces/ws-demo/conversations")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<List<JsonElement>> ListAsync(string workspaceId, string principalWorkspace = "ws-demo")
    {
        using var client = _app.Factory.ClientFor(principalWorkspace);
        return (await ResponseJson.ReadAsync(await client.GetAsync($"/api/workspaces/{workspaceId}/conversations"))).EnumerateArray().ToList();
    }

    /// <summary>One app for the class, with the demo mailbox and the portal extras ingested once.</summary>
    public sealed class IngestedApp : IAsyncLifetime
    {
        public ServeApp Factory { get; } = new();

        public async Task InitializeAsync()
        {
            await Factory.IngestDemoAsync();
            await Factory.IngestAsync("portal-extras.jsonl");
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
