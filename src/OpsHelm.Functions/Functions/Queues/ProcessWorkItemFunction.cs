using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Work;
using OpsHelm.Functions.Hosting;
using OpsHelm.Functions.Hosting.CustomHandler;
using OpsHelm.Functions.Work;
using OpsHelm.Functions.Workspaces;

namespace OpsHelm.Functions.Functions.Queues;

/// <summary>
/// Service Bus trigger <c>ProcessWorkItem</c> (the ServiceBus queue kind): an <c>item</c> message leases the item it names
/// from the store, processes it and finalizes its run when it was the last; a <c>pull</c> message runs the pulls waiting
/// for pushes or new runs. A message for an item that is finished, held by another delivery or waiting for its retry
/// time completes without doing anything (at-least-once delivery). A failure answers 500, so the host gives the message
/// back; after the queue's max delivery count Service Bus dead-letters it, and the item itself stays in the store for
/// the supervisor.
/// </summary>
public sealed class ProcessWorkItemFunction(
    WorkspaceRegistry registry,
    IWorkQueue queue,
    WorkItemProcessor processor,
    RunFinalizer finalizer,
    PullCoordinator coordinator,
    IOptions<WorkQueueOptions> options,
    ILogger<ProcessWorkItemFunction> logger) : IInvokedFunction
{
    /// <summary>The trigger's binding name in function.json.</summary>
    public const string Binding = "message";

    /// <inheritdoc />
    public string Name => "ProcessWorkItem";

    /// <inheritdoc />
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var messageId = Metadata(request, "MessageId") ?? "(no id)";
        var deliveryCount = int.TryParse(Metadata(request, "DeliveryCount"), CultureInfo.InvariantCulture, out var count) ? count : 0;
        WorkMessage message;
        try
        {
            message = WorkMessage.Parse(Body(request));
        }
        catch (FormatException ex)
        {
            // Not a message this app sent: failing it lets Service Bus dead-letter it, where it stays visible.
            Logs.DeliveryFailed(logger, ex, messageId, deliveryCount);
            return Reply(StatusCodes.Status400BadRequest, $"message {messageId}: {ex.Message}");
        }
        try
        {
            return message.Kind == WorkMessage.Pull
                ? Reply(StatusCodes.Status200OK, $"{await coordinator.PullHereAsync(cancellationToken)} pulls run")
                : await ProcessItemAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logs.DeliveryFailed(logger, ex, messageId, deliveryCount);
            return Reply(StatusCodes.Status500InternalServerError, $"message {messageId} (delivery {deliveryCount}) failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<InvocationResponse> ProcessItemAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        if (registry.Find(message.WorkspaceId!) is not { } workspace)
        {
            return Reply(StatusCodes.Status404NotFound, $"no workspace '{message.WorkspaceId}' is configured");
        }
        var leased = await queue.LeaseOneAsync(workspace.Id, message.ItemId!, options.Value.LeaseDuration, cancellationToken);
        if (leased is null)
        {
            return Reply(StatusCodes.Status200OK, $"item {message.ItemId} is finished, held by another delivery or not due yet: nothing to do");
        }
        var profile = registry.ProfileOf(workspace.Id);
        var state = await processor.ProcessAsync(leased, profile, cancellationToken);
        var finalized = await finalizer.TryFinalizeAsync(profile, leased.RunId, cancellationToken);
        return Reply(StatusCodes.Status200OK, $"item {leased.Id} of run {leased.RunId}: {state}" + (finalized is null ? "" : $"; run {finalized.Status}"));
    }

    // The host passes the body as text, or as JSON when the body parsed as JSON.
    private static string Body(InvocationRequest request)
    {
        if (request.Data is null || !request.Data.TryGetValue(Binding, out var data))
        {
            throw new FormatException($"The invocation has no '{Binding}' data.");
        }
        return data.ValueKind switch
        {
            JsonValueKind.String => data.GetString()!,
            JsonValueKind.Object => data.GetRawText(),
            _ => throw new FormatException($"The '{Binding}' data is {data.ValueKind}, not a message body."),
        };
    }

    private static string? Metadata(InvocationRequest request, string name)
    {
        var found = request.Metadata?.FirstOrDefault(m => m.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        return found?.Value.ValueKind switch
        {
            JsonValueKind.String => found.Value.Value.GetString(),
            JsonValueKind.Number => found.Value.Value.GetRawText(),
            _ => null,
        };
    }

    private static InvocationResponse Reply(int status, string log) => new(new Dictionary<string, object?>(), [log], null, status);
}
