using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>
/// <c>GET …/exceptions?status=&amp;reason=</c>: the exceptions queue, each item with its message (subject, sender, received
/// time, folder, a bounded preview, category) or, for a parse failure, the file and line; open items suggest tickets to assign.
/// </summary>
public static class ExceptionsEndpoints
{
    private static readonly string[] Statuses = ["Open", "Resolved", "Dismissed"];

    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/exceptions", (string workspaceId, string? status, string? reason, [AsParameters] MessageServices services, CancellationToken cancellationToken) =>
            ListExceptionsAsync(workspaceId, status, reason, services, cancellationToken))
        .WithName("ListExceptions")
        .WithSummary("The exceptions queue, newest first, optionally of one status (Open, Resolved, Dismissed) and reason; each with its message.")
        .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>The queue, optionally of one status and reason.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ExceptionItem>>, ProblemHttpResult>> ListExceptionsAsync(
        string workspaceId, string? status, string? reason, MessageServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (status is not null && !Statuses.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"status must be one of {string.Join(", ", Statuses)}.");
        }
        var exceptions = (await services.Records.ListExceptionsAsync(workspaceId, status, cancellationToken))
            .Where(e => reason is null || e.Reason.ToString().Equals(reason, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var keys = exceptions.Where(e => e.Reason != ExceptionReason.ParseFailure).Select(e => e.EventKey).ToList();
        var events = (await services.Records.FindEventsAsync(workspaceId, keys, cancellationToken)).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var messages = await MessageSummaries.ArchivedAsync(workspaceId, events.Keys, services.Archive, cancellationToken);
        IReadOnlyList<Ticket>? tickets = null;
        async Task<IReadOnlyList<Ticket>> TicketsAsync() => tickets ??= await services.Records.ListTicketsAsync(workspaceId, cancellationToken);

        var items = new List<ExceptionItem>(exceptions.Count);
        foreach (var exception in exceptions)
        {
            if (!events.TryGetValue(exception.EventKey, out var emailEvent))
            {
                items.Add(ExceptionItem.Of(exception, null, []));
                continue;
            }
            var message = messages.GetValueOrDefault(emailEvent.Key);
            var suggestions = exception.Status == "Open"
                ? await TicketSuggestions.ForAsync(emailEvent, message, TicketsAsync, services, cancellationToken)
                : [];
            items.Add(ExceptionItem.Of(exception, MessageSummaries.Of(emailEvent, message), suggestions));
        }
        return TypedResults.Ok<IReadOnlyList<ExceptionItem>>(items);
    }
}
