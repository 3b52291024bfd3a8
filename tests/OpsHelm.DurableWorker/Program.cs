using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using OpsHelm.DurableWorker;

// One process: the Durable sidecar (TaskHubGrpcServer over the Azure Storage backend) and the Durable worker that runs
// the ingestion orchestrator and its activities over the embedded store. A test SIGKILLs it and starts it again.
var builder = WebApplication.CreateBuilder(args);
builder.AddDurableBackend();
builder.AddIngestionWorker();

var app = builder.Build();
app.MapGrpcService<TaskHubGrpcServer>();
await app.CreateTaskHubAsync();
await app.RunAsync();
