namespace OpsHelm.DurableWorker.Harness;

/// <summary>The repository checkout the harness runs from (the folder holding OpsHelm.Functions.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OpsHelm.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("run from inside the OpsHelm repository");
    }
}
