using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/messages</c>: the message search, newest first, paged by cursor.</summary>
public sealed class SearchMessagesFunction(WorkspaceAccess access, MessageServices services)
{
    /// <summary>Runs the function.</summary>
    [Function("SearchMessages")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/messages")] HttpRequest request, string workspaceId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await MessagesEndpoints.SearchMessagesAsync(workspaceId, new MessagesEndpoints.SearchQuery(
                QueryValues.Text(request, "q"), QueryValues.Text(request, "category"), QueryValues.Text(request, "from"), QueryValues.Text(request, "ticket"),
                QueryValues.Text(request, "since"), QueryValues.Text(request, "cursor"), LimitOf(request)), services, cancellationToken));

    // A limit that is not a number is passed on as out of range, so both hosts answer it with the same 400.
    private static int? LimitOf(HttpRequest request) =>
        QueryValues.Text(request, "limit") is null ? null : QueryValues.Int(request, "limit") ?? 0;
}
