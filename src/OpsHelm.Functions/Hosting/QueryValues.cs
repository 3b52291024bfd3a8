using System.Globalization;

namespace OpsHelm.Functions.Hosting;

/// <summary>Query-string values as the standalone host's minimal APIs bind them.</summary>
public static class QueryValues
{
    /// <summary>The value of <paramref name="name"/>, or null when absent or empty.</summary>
    public static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    /// <summary>The integer value of <paramref name="name"/>, or null when absent or not an integer.</summary>
    public static int? Int(HttpRequest request, string name) =>
        int.TryParse(Text(request, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
