namespace OpsHelm.Functions.Tests.Infra;

/// <summary>The repository checkout the tests run from: the nearest directory above the test binaries holding OpsHelm.Functions.sln.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "OpsHelm.Functions.sln";

    /// <summary>The root directory.</summary>
    public static string Path { get; } = Find();

    /// <summary>A file under the root, by its path relative to it ('/'-separated).</summary>
    public static string File(string relative) => System.IO.Path.Combine([Path, .. relative.Split('/')]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No {Marker} above {AppContext.BaseDirectory}: the infra tests read the repository's files.");
    }
}
