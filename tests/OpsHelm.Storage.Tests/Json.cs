using System.Text.Json;

namespace OpsHelm.Storage.Tests;

/// <summary>Records holding lists compare by reference; their JSON compares by value.</summary>
internal static class Json
{
    public static string Of<T>(T value) => JsonSerializer.Serialize(value);
}
