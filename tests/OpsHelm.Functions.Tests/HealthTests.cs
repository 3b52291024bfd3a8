using System.Net;
using System.Text.Json;

namespace OpsHelm.Functions.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_without_a_principal_with_the_store_state()
    {
        using var app = new ServeApp();

        var response = await app.CreateClient().GetAsync("/api/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        body.GetProperty("store").GetProperty("state").GetString().ShouldBe("Reachable");
        body.GetProperty("workspaces").GetInt32().ShouldBe(2);
    }
}
