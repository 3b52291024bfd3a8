using System.Text;
using OpsHelm.Api.Access;

namespace OpsHelm.Functions.Tests.Access;

public sealed class ClientPrincipalReaderTests
{
    [Fact]
    public void A_static_web_apps_principal_is_read_with_its_roles()
    {
        var header = Base64("""{"identityProvider":"aad","userId":"u1","userDetails":"dana@example.com","userRoles":["anonymous","authenticated","workspace:ws-demo"]}""");

        var principal = ClientPrincipalReader.Read(header).ShouldNotBeNull();

        principal.UserDetails.ShouldBe("dana@example.com");
        principal.Roles.ShouldBe(["anonymous", "authenticated", "workspace:ws-demo"]);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("bnVsbA==")] // "null"
    [InlineData("W10=")] // "[]"
    [InlineData("eyJ1c2VySWQiOiJ1MSJ9")] // no identityProvider
    [InlineData("")]
    public void Anything_malformed_is_no_principal(string header) => ClientPrincipalReader.Read(header).ShouldBeNull();

    [Fact]
    public void A_principal_whose_strings_are_not_UTF8_is_no_principal()
    {
        // Found by the request fuzzer: the parser accepts the bytes, reading the string threw (a 500 on every portal route).
        var json = Encoding.Latin1.GetBytes("{\"identityProvider\":\"aad\",\"userId\":\"u\u00C3(\",\"userRoles\":[\"workspace:ws-demo\"]}");

        ClientPrincipalReader.Read(Convert.ToBase64String(json)).ShouldBeNull();
    }

    [Fact]
    public void An_oversized_header_is_no_principal()
    {
        var roles = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"workspace:ws-{i}\""));
        ClientPrincipalReader.Read(Base64($$"""{"identityProvider":"aad","userId":"u1","userRoles":[{{roles}}]}""")).ShouldBeNull();
    }

    [Fact]
    public void Roles_that_are_not_strings_are_ignored()
    {
        var principal = ClientPrincipalReader.Read(Base64("""{"identityProvider":"aad","userId":"u1","userRoles":[1,{"a":"b"},"workspace:ws-demo"]}""")).ShouldNotBeNull();

        principal.Roles.ShouldBe(["workspace:ws-demo"]);
    }

    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
}
