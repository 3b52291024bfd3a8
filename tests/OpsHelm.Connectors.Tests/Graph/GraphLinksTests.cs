using OpsHelm.Connectors.Graph;

namespace OpsHelm.Connectors.Tests.Graph;

public sealed class GraphLinksTests
{
    private const string BaseUrl = "https://graph.microsoft.com/v1.0";

    [Fact]
    public void A_link_on_the_Graph_host_is_followed()
    {
        GraphLinks.Trusted("https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$skiptoken=abc", BaseUrl)
            .ShouldBe("https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$skiptoken=abc");
        GraphLinks.Trusted(null, BaseUrl).ShouldBeNull();
    }

    [Theory]
    [InlineData("https://evil.example.com/v1.0/users/x/messages/delta?$skiptoken=abc")]
    [InlineData("http://graph.microsoft.com/v1.0/users/x/messages/delta")]
    [InlineData("https://graph.microsoft.com:8443/v1.0/users/x/messages/delta")]
    [InlineData("/v1.0/users/x/messages/delta")]
    public void A_link_elsewhere_is_refused_so_it_is_neither_followed_with_our_token_nor_saved(string link)
    {
        Should.Throw<GraphPayloadException>(() => GraphLinks.Trusted(link, BaseUrl));
    }
}
