namespace OpsHelm.Functions.Hosting;

/// <summary>Where the app listens: the port the Functions host hands a custom handler, else <see cref="FunctionsAppOptions.DefaultPort"/>.</summary>
public static class ListenPort
{
    /// <summary>The variable the Functions host sets for a custom handler.</summary>
    public const string CustomHandlerVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The URL to listen on, unless ASPNETCORE_URLS or --urls chose one.</summary>
    public static string Url(Func<string, string?> environment)
    {
        var value = environment(CustomHandlerVariable);
        if (value is null)
        {
            return $"http://127.0.0.1:{FunctionsAppOptions.DefaultPort}";
        }
        return int.TryParse(value, out var port) && port is > 0 and <= 65535
            ? $"http://127.0.0.1:{port}"
            : throw new InvalidOperationException($"{CustomHandlerVariable}='{value}' is not a port number.");
    }
}
