using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace OpsHelm.Functions.Tests.Ingestion;

/// <summary>
/// The preview test host's in-memory backend with its concurrency opened up: it allows only ProcessorCount work items at
/// once and polls every 500 ms when full (about 4 activities/s on two cores). Re-implementing the two limits of
/// <see cref="IOrchestrationService"/> leaves everything else to the real in-memory service.
/// </summary>
internal sealed class UnthrottledOrchestrationService(ILoggerFactory? loggerFactory) : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => 64;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => 512;
}
