using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Workspaces;
using OpsHelm.Functions.Functions.Timers;
using OpsHelm.Functions.Functions.Webhooks;
using OpsHelm.Functions.Hosting.CustomHandler;
using OpsHelm.Functions.Access;
using OpsHelm.Functions.Functions;
using OpsHelm.Functions.Functions.Portal;
using OpsHelm.Functions.Hosting;
using OpsHelm.Functions.Hosting.Scheduling;
using OpsHelm.Functions.Hosting.Telemetry;
using OpsHelm.Functions.Workspaces;
using OpsHelm.Storage;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls(ListenPort.Url(Environment.GetEnvironmentVariable));
}

builder.Services.AddOptions<FunctionsAppOptions>()
    .Bind(builder.Configuration.GetSection(FunctionsAppOptions.Section))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<FunctionsAppOptions>, FunctionsAppOptionsValidator>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOpsHelmTelemetry();
builder.Services.AddSingleton(sp => WorkspaceRegistry.Load(sp.GetRequiredService<IOptions<FunctionsAppOptions>>().Value.WorkspaceConfigs));
builder.Services.AddSingleton<WorkspaceAccess>();
builder.Services.AddStores();
builder.Services.AddWebhookHandlers();
builder.Services.AddSingleton(sp => new IngestionRunner(sp.GetRequiredService<IProcessingStateStore>(), sp.GetRequiredService<IRecordStore>(),
    sp.GetRequiredService<IAttachmentStore>(), sp.GetRequiredService<IMessageArchive>(), sp.GetRequiredService<IWorkspaceLock>(),
    sp.GetRequiredService<MessagePipeline>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<IngestionRunner>>()));
builder.Services.AddWork(builder.Configuration);
builder.Services.AddSingleton<IInvokedFunction, SweepFunction>();
builder.Services.AddSingleton<IInvokedFunction, PollFunction>();
builder.Services.AddSingleton<IInvokedFunction, SupervisorFunction>();
builder.Services.AddSingleton<IInvokedFunction, RenewGraphSubscriptionsFunction>();
builder.Services.AddSingleton<IInvokedFunction, RenewGmailWatchesFunction>();
builder.Services.AddHostedService<StandaloneScheduler>();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddProblemDetails();
builder.Services.AddPortalOpenApi();

var app = builder.Build();
try
{
    // Fail at start-up, naming the file or setting, rather than on the first request.
    app.Services.GetRequiredService<WorkspaceRegistry>();
    app.Services.GetRequiredService<StoreSet>();
    app.UsePortal();
}
catch (Exception ex) when (ex is WorkspaceConfigException or InvalidOperationException)
{
    Console.Error.WriteLine($"opshelm-functions: {ex.Message}");
    return 2;
}

HealthFunction.Map(app);
app.MapPortal();
app.MapOpenApiDocument();
GraphNotificationsFunction.Map(app);
GmailPushFunction.Map(app);
WhatsAppWebhookFunction.Map(app);
app.MapInvocations();
await app.RunAsync();
return 0;

/// <summary>The app's entry point (visible to the test host).</summary>
public partial class Program;
