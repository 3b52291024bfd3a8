using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using OpsHelm.Core.Ingestion;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Tests.Ingestion;

/// <summary>Start-or-signal over a mocked <see cref="DurableTaskClient"/> (the real client is exercised by the runtime tests).</summary>
public sealed class IngestionStarterTests
{
    private readonly Mock<DurableTaskClient> _client = new("test") { CallBase = true };
    private readonly IngestionStarter _starter = new(TimeProvider.System);

    [Fact]
    public async Task A_first_notice_starts_the_orchestration_under_the_workspace_instance_id_deduplicating_active_instances()
    {
        StartOrchestrationOptions? options = null;
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, _, o, _) => options = o)
            .ReturnsAsync("ingest:ws-1");

        var start = await _starter.StartOrSignalAsync(_client.Object, new IngestionRequest { WorkspaceId = "ws-1" }, CancellationToken.None);

        start.Started.ShouldBeTrue();
        options.ShouldNotBeNull().InstanceId.ShouldBe("ingest:ws-1");
        options.DedupeStatuses.ShouldNotBeNull().ShouldBe(["Pending", "Running", "Suspended"], ignoreOrder: true);
        _client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_notice_while_the_instance_runs_raises_the_notice_event_instead_of_a_second_start()
    {
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OrchestrationAlreadyExistsException("running"));
        _client.Setup(c => c.GetInstancesAsync("ingest:ws-1", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(IngestionOrchestrator), "ingest:ws-1")
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Running,
                SerializedCustomStatus = "\"run-7\"",
            });

        var start = await _starter.StartOrSignalAsync(_client.Object, new IngestionRequest { WorkspaceId = "ws-1" }, CancellationToken.None);

        start.ShouldBe(new RunStart("run-7", Started: false));
        _client.Verify(c => c.RaiseEventAsync("ingest:ws-1", IngestionOrchestrator.NoticeEvent, It.Is<NoticeSignal>(s => s.Trigger == "Push"), It.IsAny<CancellationToken>()), Times.Once);
        _client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task An_instance_that_ended_between_the_refused_start_and_the_look_is_started_again()
    {
        _client.SetupSequence(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OrchestrationAlreadyExistsException("running"))
            .ReturnsAsync("ingest:ws-1");
        _client.Setup(c => c.GetInstancesAsync("ingest:ws-1", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(IngestionOrchestrator), "ingest:ws-1") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        var start = await _starter.StartOrSignalAsync(_client.Object, new IngestionRequest { WorkspaceId = "ws-1", RunId = "run-9" }, CancellationToken.None);

        start.ShouldBe(new RunStart("run-9", Started: true));
        _client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
