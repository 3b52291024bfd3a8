using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using OpsHelm.Api.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOpsHelmApi();

var host = builder.Build();
ApiServices.ValidateAtStart(host.Services);
await host.RunAsync();
