using OpsHelm.Connectors.Mime;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Ports;

namespace OpsHelm.Cli.Composition;

/// <summary>The source for an input path: raw mail (an .eml file, a folder of .eml files, an .mbox file) or JSON Lines in the replay format.</summary>
internal static class InputSource
{
    /// <summary>True when <paramref name="path"/> names an existing file or folder.</summary>
    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    // A page is one store transaction: an index leaf that several of its messages change is written once, so pages of 1,000 lines
    // (at most 8 MB of them) wrote half the bytes of pages of 100 and ingested 100k messages a third faster. Raw mail keeps pages of
    // 100: its messages carry their attachments' bytes.
    private const int LinesPerPage = 1000;

    /// <summary>The source reading <paramref name="path"/>; <paramref name="resume"/> lets a JSON Lines file start after its last checkpoint.</summary>
    public static IMessageSource For(string path, bool resume = false) =>
        MimeFileSource.Handles(path) ? new MimeFileSource(path) : new JsonLinesMessageSource(path, LinesPerPage, resume: resume);

    /// <summary>About how many items <paramref name="path"/> holds, for a progress bar.</summary>
    public static int CountItems(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path).Count(f => f.EndsWith(".eml", StringComparison.OrdinalIgnoreCase));
        }
        if (path.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }
        // An mbox message starts at a "From " line; a JSON Lines item is a non-blank line.
        var mbox = path.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase);
        return File.ReadLines(path).Count(line => mbox ? line.StartsWith("From ", StringComparison.Ordinal) : !string.IsNullOrWhiteSpace(line));
    }
}
