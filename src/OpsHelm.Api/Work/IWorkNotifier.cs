using OpsHelm.Core.Ports;

namespace OpsHelm.Api.Work;

/// <summary>
/// Tells the app's processors about new work: items ready (Core's <see cref="IWorkDispatcher"/>) and pulls wanted (a push
/// was recorded, a run was created). In-process workers are woken, or messages go to the Service Bus queue.
/// </summary>
public interface IWorkNotifier : IWorkDispatcher
{
    /// <summary>Asks for the pulls that recorded pushes or created runs need. Never throws: a lost request is caught up by the supervisor.</summary>
    Task PullRequestedAsync(CancellationToken cancellationToken);
}
