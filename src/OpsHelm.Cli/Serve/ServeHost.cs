using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsHelm.Api;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Hosting.Scheduling;
using OpsHelm.Api.Ingestion;

namespace OpsHelm.Cli.Serve;

/// <summary>
/// <c>opshelm serve</c>: the HTTP surface of DESIGN §7 (webhooks, portal API, health, OpenAPI, the built portal) over the
/// store the settings choose (embedded by default), with ingestion and the scheduled jobs running in this process.
/// </summary>
public static class ServeHost
{
    /// <summary>Where it listens unless <c>--urls</c> or ASPNETCORE_URLS says otherwise.</summary>
    public static readonly string DefaultUrl = $"http://127.0.0.1:{ApiOptions.DefaultPort}";

    /// <summary>
    /// Builds the app from <paramref name="args"/> and the environment; <paramref name="configure"/> may add settings or
    /// services (tests). Throws <see cref="InvalidOperationException"/> or a workspace error naming a wrong setting.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.AddOpsHelmApi();
        builder.Services.AddInProcessIngestion();
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SchedulerOptions>>(new SchedulerOptionsValidator());
        builder.Services.AddHostedService<StandaloneScheduler>();
        configure?.Invoke(builder);

        var app = builder.Build();
        ApiServices.ValidateAtStart(app.Services);
        app.UseApiResponseHeaders();
        app.UsePortal();
        app.MapOpsHelmApi();
        return app;
    }
}
