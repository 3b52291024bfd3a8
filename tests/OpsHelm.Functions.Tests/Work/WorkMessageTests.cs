using OpsHelm.Api.Work;

namespace OpsHelm.Functions.Tests.Work;

public sealed class WorkMessageTests
{
    [Fact]
    public void An_item_message_round_trips_through_its_json() =>
        WorkMessage.Parse(new WorkMessage(WorkMessage.Item, "ws-1", "work-abc").ToJson()).ShouldBe(new WorkMessage("item", "ws-1", "work-abc"));

    [Fact]
    public void A_pull_message_needs_no_workspace() =>
        WorkMessage.Parse("""{"kind":"pull"}""").Kind.ShouldBe(WorkMessage.Pull);

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"kind":"delete-everything"}""", "must be 'item' or 'pull'")]
    [InlineData("""{"kind":"item","workspaceId":"ws-1"}""", "needs workspaceId and itemId")]
    [InlineData("""{"kind":"item","workspaceId":"","itemId":"x"}""", "needs workspaceId and itemId")]
    [InlineData("null", "must be 'item' or 'pull'")]
    public void A_body_this_app_did_not_send_is_refused_naming_what_is_wrong(string body, string named) =>
        Should.Throw<FormatException>(() => WorkMessage.Parse(body)).Message.ShouldContain(named);

    [Fact]
    public void An_oversized_body_is_refused_before_it_is_parsed() =>
        Should.Throw<FormatException>(() => WorkMessage.Parse("{\"kind\":\"pull\",\"x\":\"" + new string('a', 10_000) + "\"}")).Message.ShouldContain("at most 4096");
}
