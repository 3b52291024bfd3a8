using System.Reflection;
using System.Text.Json;

namespace OpsHelm.Functions.Tests.Hosting;

/// <summary>The <c>functions.metadata</c> the Worker SDK generated into the Functions app's build output, read as the host reads it.</summary>
internal sealed record FunctionsMetadata(IReadOnlyList<FunctionsMetadata.Function> Functions)
{
    /// <summary>The file's directory: the Functions app's output folder.</summary>
    public static string OutputDirectory { get; } = typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionsOutput").Value!;

    /// <summary>Reads the generated file.</summary>
    public static FunctionsMetadata Read()
    {
        var path = Path.Combine(OutputDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new FunctionsMetadata(document.RootElement.EnumerateArray().Select(f => new Function(
            f.GetProperty("name").GetString()!,
            f.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList())).ToList());
    }

    /// <summary>The function named <paramref name="name"/>.</summary>
    public Function this[string name] => Functions.SingleOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"functions.metadata has no function '{name}'");

    /// <summary>One function and its bindings.</summary>
    public sealed record Function(string Name, IReadOnlyList<JsonElement> Bindings)
    {
        /// <summary>The binding of <paramref name="type"/>, or null.</summary>
        public JsonElement? Binding(string type) => Bindings.Where(b => b.GetProperty("type").GetString() == type).Select(b => (JsonElement?)b).FirstOrDefault();

        /// <summary>The trigger binding's type.</summary>
        public string Trigger => Bindings.Select(b => b.GetProperty("type").GetString()!).Single(t => t.EndsWith("Trigger", StringComparison.Ordinal));

        /// <summary>A string property of a binding, or null.</summary>
        public static string? Text(JsonElement binding, string property) =>
            binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
