using System.Text.Json;
using OpsHelm.Api.Access;
using OpsHelm.Api.Webhooks;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Triage;

namespace OpsHelm.Api.Portal;

/// <summary>
/// <c>POST …/exceptions/{exceptionId}/resolve</c>, <c>/dismiss</c> and <c>/assign</c> (body <c>{"ticketId": "…", "note": "…"}</c>):
/// triage. Resolve and assign run normalization again for that message; the answer is the exception as it now stands.
/// </summary>
public static class TriageEndpoints
{
    private const int MaxBodyBytes = 8 * 1024;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapPost("/exceptions/{exceptionId}/resolve", (HttpContext http, string workspaceId, string exceptionId, [AsParameters] Services services, CancellationToken cancellationToken) =>
            TriageAsync(http, workspaceId, exceptionId, TriageAction.Resolve, services, cancellationToken)).WithName("ResolveException");
        workspace.MapPost("/exceptions/{exceptionId}/dismiss", (HttpContext http, string workspaceId, string exceptionId, [AsParameters] Services services, CancellationToken cancellationToken) =>
            TriageAsync(http, workspaceId, exceptionId, TriageAction.Dismiss, services, cancellationToken)).WithName("DismissException");
        workspace.MapPost("/exceptions/{exceptionId}/assign", (HttpContext http, string workspaceId, string exceptionId, [AsParameters] Services services, CancellationToken cancellationToken) =>
            TriageAsync(http, workspaceId, exceptionId, TriageAction.Assign, services, cancellationToken)).WithName("AssignException");
    }

    /// <summary>The action a route segment names (<c>resolve</c>, <c>dismiss</c>, <c>assign</c>), or null.</summary>
    public static TriageAction? ActionOf(string segment) => segment.ToLowerInvariant() switch
    {
        "resolve" => TriageAction.Resolve,
        "dismiss" => TriageAction.Dismiss,
        "assign" => TriageAction.Assign,
        _ => null,
    };

    /// <summary>Triages one exception (a JSON body from the portal's own origin only: see <see cref="StateChangeGuard"/>).</summary>
    public static async Task<IResult> TriageAsync(HttpContext http, string workspaceId, string exceptionId, TriageAction action, Services services,
        CancellationToken cancellationToken)
    {
        if (StateChangeGuard.Refusal(http.Request) is { } refusal)
        {
            return refusal;
        }
        if (await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return RequestBody.TooLarge(MaxBodyBytes);
        }
        TriageBody decision;
        try
        {
            decision = body.Length == 0 ? new TriageBody(null, null) : JsonSerializer.Deserialize<TriageBody>(body, JsonSerializerOptions.Web) ?? new TriageBody(null, null);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be JSON: {\"ticketId\": \"…\", \"note\": \"…\"}.");
        }
        try
        {
            var by = services.Access.PrincipalOf(http)?.UserDetails;
            var result = await services.Triage.TriageAsync(services.Registry.ProfileOf(workspaceId),
                new TriageRequest(exceptionId, action, decision.TicketId, decision.Note, by), cancellationToken);
            return Results.Ok(result.Exception);
        }
        catch (TriageException ex)
        {
            return Results.Problem(statusCode: ex.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, title: ex.Message);
        }
    }

    /// <summary>The triage body.</summary>
    /// <param name="TicketId">The ticket to assign the message to.</param>
    /// <param name="Note">The operator's note.</param>
    public sealed record TriageBody(string? TicketId, string? Note);

    /// <summary>What a triage route needs.</summary>
    /// <param name="Triage">The triage.</param>
    /// <param name="Registry">The workspaces.</param>
    /// <param name="Access">Who is asking.</param>
    public sealed record Services(ExceptionTriage Triage, WorkspaceRegistry Registry, WorkspaceAccess Access);
}
