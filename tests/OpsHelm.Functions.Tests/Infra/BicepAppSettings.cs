using System.Text.RegularExpressions;

namespace OpsHelm.Functions.Tests.Infra;

/// <summary>
/// The app settings a Bicep file gives a Function app: the top-level entries (<c>Name: value</c>) of the <c>properties</c>
/// object of each <c>Microsoft.Web/sites/config</c> resource named <c>appsettings</c>. Read from the text (no Bicep compiler
/// here): single-quoted strings, their <c>${…}</c> interpolations and <c>//</c> comments are skipped when counting braces.
/// </summary>
internal sealed partial class BicepAppSettings
{
    private BicepAppSettings(IReadOnlyDictionary<string, string> values) => Values = values;

    /// <summary>Setting name → its Bicep value expression (the rest of its line).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The settings of every appsettings resource in <paramref name="bicepFiles"/>.</summary>
    public static BicepAppSettings Read(IEnumerable<string> bicepFiles)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in bicepFiles)
        {
            var text = File.ReadAllText(file);
            foreach (Match resource in SiteConfigResource().Matches(text))
            {
                var body = Block(text, resource.Index + resource.Length - 1);
                if (!AppSettingsName().IsMatch(body))
                {
                    continue;
                }
                var properties = PropertiesStart().Match(body);
                if (!properties.Success)
                {
                    throw new InvalidOperationException($"{file}: the appsettings resource has no properties object.");
                }
                foreach (var (name, value) in TopLevelEntries(Block(body, properties.Index + properties.Length - 1)))
                {
                    if (!values.TryAdd(name, value))
                    {
                        throw new InvalidOperationException($"{file}: app setting {name} is set twice.");
                    }
                }
            }
        }
        return new BicepAppSettings(values);
    }

    // The text from the '{' at openAt to its matching '}', both included.
    private static string Block(string text, int openAt)
    {
        var depth = 0;
        for (var i = openAt; i < text.Length; i++)
        {
            var next = SkipStringOrComment(text, i);
            if (next != i)
            {
                i = next - 1;
                continue;
            }
            if (text[i] is '{' or '[')
            {
                depth++;
            }
            else if (text[i] is '}' or ']' && --depth == 0)
            {
                return text[openAt..(i + 1)];
            }
        }
        throw new InvalidOperationException("Unbalanced braces in a Bicep file.");
    }

    // Entries of the object `block` ('{ … }') at its own top level.
    private static IEnumerable<(string Name, string Value)> TopLevelEntries(string block)
    {
        var depth = 0;
        var lineStart = true;
        for (var i = 0; i < block.Length; i++)
        {
            var c = block[i];
            if (c == '\n')
            {
                lineStart = true;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            if (lineStart && depth == 1)
            {
                var lineEnd = block.IndexOf('\n', i);
                if (Entry().Match(block[i..(lineEnd < 0 ? block.Length : lineEnd)]) is { Success: true } entry)
                {
                    yield return (entry.Groups["name"].Value, entry.Groups["value"].Value.Trim());
                }
            }
            lineStart = false;
            var next = SkipStringOrComment(block, i);
            if (next != i)
            {
                i = next - 1;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
        }
    }

    // The index just past a string or comment starting at i, or i itself.
    private static int SkipStringOrComment(string text, int i)
    {
        if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
        {
            var end = text.IndexOf('\n', i);
            return end < 0 ? text.Length : end;
        }
        if (text[i] != '\'')
        {
            return i;
        }
        var interpolation = 0;
        for (var j = i + 1; j < text.Length; j++)
        {
            switch (text[j])
            {
                case '\\':
                    j++;
                    break;
                case '$' when j + 1 < text.Length && text[j + 1] == '{':
                    interpolation++;
                    j++;
                    break;
                case '}' when interpolation > 0:
                    interpolation--;
                    break;
                case '\'' when interpolation == 0:
                    return j + 1;
            }
        }
        throw new InvalidOperationException("Unterminated string in a Bicep file.");
    }

    [GeneratedRegex(@"resource\s+\w+\s+'Microsoft\.Web/sites/config@[^']+'\s*=\s*(?:if\s*\([^)]*\)\s*)?\{")]
    private static partial Regex SiteConfigResource();

    [GeneratedRegex(@"^\s*name:\s*'appsettings'\s*$", RegexOptions.Multiline)]
    private static partial Regex AppSettingsName();

    [GeneratedRegex(@"^\s*properties:\s*\{", RegexOptions.Multiline)]
    private static partial Regex PropertiesStart();

    [GeneratedRegex(@"^'?(?<name>[A-Za-z_][A-Za-z0-9_]*)'?\s*:\s*(?<value>.+)$")]
    private static partial Regex Entry();
}
