using System.Text.Json;

namespace OpsHelm.Functions.Tests.Portal;

/// <summary>Reads a successful response's JSON body.</summary>
internal static class ResponseJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }
}
