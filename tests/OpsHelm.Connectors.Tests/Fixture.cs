using System.Text.Json;

namespace OpsHelm.Connectors.Tests;

/// <summary>Fixture files copied next to the test assembly, and JSON helpers.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name)).Trim();

    /// <summary>The whole replay line of a fixture, as a cloned element (the document may be disposed).</summary>
    public static JsonElement Line(string name) => Parse(Text(name));

    /// <summary>The "message" of a fixture's replay line.</summary>
    public static JsonElement Message(string name) => Line(name).GetProperty("message");

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>A temporary directory removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("opshelm-connectors-tests-").FullName;

    public string File(string name, string contents)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
