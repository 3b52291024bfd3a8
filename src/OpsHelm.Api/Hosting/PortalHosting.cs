using Microsoft.Extensions.FileProviders;

namespace OpsHelm.Api.Hosting;

/// <summary>Standalone mode serves the built portal's static files (never the API or invocation routes) with the portal's security headers.</summary>
public static class PortalHosting
{
    /// <summary>The portal's Content-Security-Policy: scripts and styles only from the app's own origin, nothing inline, no plugins, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // Where the portal's build lands, relative to the repository root.
    private static readonly string[] RepositoryDist = ["src", "portal", "dist"];

    /// <summary>Serves the portal's files when a built portal is configured or found in the repository; does nothing otherwise.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        var options = app.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }
        var directory = options.IsOff ? null : options.Directory is { Length: > 0 } configured ? Path.GetFullPath(configured) : FindInRepository();
        if (directory is null)
        {
            return app;
        }
        var files = new PhysicalFileProvider(directory);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        // Static files only answer GET/HEAD requests that no endpoint matched, so /api routes and POST /{FunctionName} are untouched.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                // index.html and config.json change with each build and deployment; never serve a stale one.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    // From the build output (src/OpsHelm.Functions/bin/…) or the working directory, up to the repository holding src/portal/dist.
    private static string? FindInRepository()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine([dir.FullName, .. RepositoryDist]);
                if (File.Exists(Path.Combine(candidate, "index.html")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
