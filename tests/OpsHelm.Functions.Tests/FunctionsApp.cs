using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsHelm.Api.Access;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Tests;

/// <summary>
/// The isolated worker's host built as <c>Program</c> builds it (not run: the Functions host never runs here), over a
/// throw-away embedded store. Function classes are created from its services the way the worker activates them.
/// </summary>
public sealed class FunctionsApp : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "opshelm-functions-tests", Guid.NewGuid().ToString("n"));
    private readonly IHost _host;

    public FunctionsApp(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["OpsHelm:Embedded:Directory"] = _store,
            ["OpsHelm:WorkspaceConfigs:0"] = ServeApp.Fixture("ws-demo.json"),
            ["OpsHelm:WorkspaceConfigs:1"] = ServeApp.Fixture("ws-other.json"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        _host = FunctionsHost.Build([], builder => builder.Configuration.AddInMemoryCollection(all));
    }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>A function class as the worker creates it: constructor dependencies from the host's services.</summary>
    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(_host.Services);

    /// <summary>A request as the worker's ASP.NET Core integration hands it over, optionally with a principal for <paramref name="workspaces"/>.</summary>
    public HttpRequest Request(string method, string path, string? body = null, string contentType = "application/json", params string[] workspaces)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = method;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }
        if (workspaces.Length > 0)
        {
            var principal = new ClientPrincipal("aad", "user-1", "dana@example.com", ["authenticated", .. workspaces.Select(w => "workspace:" + w)]);
            context.Request.Headers[ClientPrincipalReader.HeaderName] = ClientPrincipalReader.Write(principal);
        }
        return context.Request;
    }

    /// <summary>Runs <paramref name="result"/> as the worker would and returns the status and body.</summary>
    public static async Task<(int Status, string Body, IHeaderDictionary Headers)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var http = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, await new StreamReader(http.Response.Body).ReadToEndAsync(), http.Response.Headers);
    }

    public void Dispose()
    {
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }
}
