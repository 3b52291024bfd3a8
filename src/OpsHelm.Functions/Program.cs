using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using OpsHelm.Api.Hosting;
using OpsHelm.Functions.Ingestion;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOpsHelmApi();
builder.Services.AddIngestion();

var host = builder.Build();
ApiServices.ValidateAtStart(host.Services);
await host.RunAsync();
