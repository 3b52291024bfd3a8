using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;

namespace OpsHelm.Api.Portal;

/// <summary>
/// <c>GET …/attachments/{attachmentId}</c>: a 302 to a five-minute read link when the store has links (a Blob SAS), else the
/// bytes served by the app. Attachments are hostile content: they are only ever downloaded, never rendered.
/// </summary>
public static class AttachmentsEndpoints
{
    /// <summary>How long a read link is valid.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(5);

    private const string Download = "application/octet-stream";

    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/attachments/{attachmentId}", DownloadAttachmentAsync)
        .WithName("DownloadAttachment")
        .WithSummary("Downloads an attachment: a 302 to a short-lived link, or the bytes as an application/octet-stream attachment.")
        .Produces(StatusCodes.Status302Found)
        .Produces(StatusCodes.Status200OK, typeof(Stream), Download);

    /// <summary>A redirect to a read link, the bytes, or 404.</summary>
    public static async Task<Results<RedirectHttpResult, FileContentHttpResult, ProblemHttpResult>> DownloadAttachmentAsync(
        string workspaceId, string attachmentId, IAttachmentStore attachments, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await attachments.FindAsync(workspaceId, attachmentId, cancellationToken) is not { } info)
        {
            return PortalRoutes.NotFound("No such attachment in this workspace.");
        }
        if (await attachments.CreateReadLinkAsync(workspaceId, attachmentId, LinkLifetime, cancellationToken) is { } link)
        {
            return TypedResults.Redirect(link.AbsoluteUri);
        }
        if (await attachments.ReadAsync(workspaceId, attachmentId, cancellationToken) is not { } content)
        {
            return PortalRoutes.NotFound("This attachment's content was not stored.");
        }
        // Never the declared type, never inline, never sniffed into something a browser would run.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(content, Download, info.Name);
    }
}
