using System.Text.RegularExpressions;

namespace OpsHelm.Functions.Tests.Infra;

/// <summary>
/// The app settings the Bicep in infra/ gives each app, read from the text (no Bicep compiler here): the top-level entries
/// (<c>Name: value</c>) of object literals, where single-quoted strings, their <c>${…}</c> interpolations and <c>//</c>
/// comments are skipped when counting braces. The two Function apps come from infra/app/functionapp.bicep, whose
/// appsettings resource is <c>union(sharedSettings, role == 'ingest' ? ingestSettings : apiSettings)</c>; the Static Web
/// App's from the literal <c>properties</c> of its <c>Microsoft.Web/staticSites/config</c> appsettings resource.
/// </summary>
internal sealed partial class BicepAppSettings
{
    /// <summary>The Function apps main.bicep deploys, by role: the public ingest app and the portal's api app.</summary>
    public static readonly IReadOnlyList<string> FunctionAppRoles = ["ingest", "api"];

    /// <summary>The expression functionapp.bicep's appsettings resource must have for <see cref="ForFunctionApp"/> to be right.</summary>
    public const string FunctionAppSettingsExpression = "union(sharedSettings, role == 'ingest' ? ingestSettings : apiSettings)";

    private const string FunctionAppFile = "infra/app/functionapp.bicep";

    private BicepAppSettings(IReadOnlyDictionary<string, string> values) => Values = values;

    /// <summary>Setting name → its Bicep value expression (the rest of its line).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The functions this app's <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> settings turn off.</summary>
    public IReadOnlySet<string> DisabledFunctions => Values
        .Where(setting => setting.Value == "'true'" && DisabledSetting().Match(setting.Key).Success)
        .Select(setting => DisabledSetting().Match(setting.Key).Groups["function"].Value)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// True when the app can open the binding connection <paramref name="name"/> (a function.metadata <c>connection</c>):
    /// a setting of that name, or identity-based <c>name__…</c> settings (service URIs or account name, with a credential).
    /// </summary>
    public bool SetsConnection(string name) =>
        Values.ContainsKey(name)
        || (Values.Keys.Any(key => key.StartsWith(name + "__", StringComparison.Ordinal)
                && (key.EndsWith("ServiceUri", StringComparison.Ordinal) || key.EndsWith("__accountName", StringComparison.Ordinal) || key.EndsWith("__fullyQualifiedNamespace", StringComparison.Ordinal)))
            && Values.ContainsKey(name + "__credential"));

    /// <summary>The settings the Function app of <paramref name="role"/> (ingest or api) gets in Azure.</summary>
    public static BicepAppSettings ForFunctionApp(string role)
    {
        if (!FunctionAppRoles.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "main.bicep deploys the roles ingest and api.");
        }
        var text = File.ReadAllText(RepositoryRoot.File(FunctionAppFile));
        var values = new Dictionary<string, string>(Variable(text, "sharedSettings"), StringComparer.Ordinal);
        foreach (var (name, value) in Variable(text, role + "Settings"))
        {
            if (!values.TryAdd(name, value))
            {
                throw new InvalidOperationException($"{FunctionAppFile}: {name} is in sharedSettings and {role}Settings.");
            }
        }
        return new BicepAppSettings(values);
    }

    /// <summary>The settings of the Static Web App (infra/app/portal.bicep).</summary>
    public static BicepAppSettings ForStaticWebApp() => Read([RepositoryRoot.File("infra/app/portal.bicep")], StaticSiteConfigResource());

    // The entries of the object literal `var <name> = { … }`.
    private static Dictionary<string, string> Variable(string text, string name)
    {
        var start = Regex.Match(text, $@"^var\s+{Regex.Escape(name)}\s*=\s*\{{", RegexOptions.Multiline);
        if (!start.Success)
        {
            throw new InvalidOperationException($"{FunctionAppFile} has no object variable {name}.");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in TopLevelEntries(Block(text, start.Index + start.Length - 1)))
        {
            if (!values.TryAdd(key, value))
            {
                throw new InvalidOperationException($"{FunctionAppFile}: {key} is set twice in {name}.");
            }
        }
        return values;
    }

    private static BicepAppSettings Read(IEnumerable<string> bicepFiles, Regex configResource)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in bicepFiles)
        {
            var text = File.ReadAllText(file);
            foreach (Match resource in configResource.Matches(text))
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

    [GeneratedRegex(@"resource\s+\w+\s+'Microsoft\.Web/staticSites/config@[^']+'\s*=\s*(?:if\s*\([^)]*\)\s*)?\{")]
    private static partial Regex StaticSiteConfigResource();

    [GeneratedRegex(@"^AzureWebJobs\.(?<function>[A-Za-z0-9_]+)\.Disabled$")]
    private static partial Regex DisabledSetting();

    [GeneratedRegex(@"^\s*name:\s*'appsettings'\s*$", RegexOptions.Multiline)]
    private static partial Regex AppSettingsName();

    [GeneratedRegex(@"^\s*properties:\s*\{", RegexOptions.Multiline)]
    private static partial Regex PropertiesStart();

    [GeneratedRegex(@"^'?(?<name>[A-Za-z_][A-Za-z0-9_.]*)'?\s*:\s*(?<value>.+)$")]
    private static partial Regex Entry();
}
