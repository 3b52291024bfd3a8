using Microsoft.Extensions.Hosting;
using OpsHelm.Functions.Hosting;

await FunctionsHost.Build(args).RunAsync();
