using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Api.Portal;
using OpsHelm.Storage;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class AttachmentDownloadTests
{
    [Fact]
    public async Task The_embedded_store_s_bytes_come_as_a_download_that_is_never_rendered_or_sniffed()
    {
        using var app = new ServeApp();
        await app.IngestDemoAsync();
        var attachment = await AnyStoredAttachmentAsync(app);

        var response = await app.ClientFor("ws-demo").GetAsync($"/api/workspaces/ws-demo/attachments/{attachment.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe(attachment.Name);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(attachment.Sha256);
    }

    [Fact]
    public async Task An_unknown_attachment_or_another_workspace_s_is_404()
    {
        using var app = new ServeApp();
        await app.IngestDemoAsync();
        var attachment = await AnyStoredAttachmentAsync(app);
        using var demo = app.ClientFor("ws-demo");
        using var other = app.ClientFor("ws-other");

        (await demo.GetAsync("/api/workspaces/ws-demo/attachments/no-such-attachment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/workspaces/ws-demo/attachments/{attachment.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/workspaces/ws-other/attachments/{attachment.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/workspaces/ws-demo/attachments/{attachment.Id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_store_with_read_links_answers_a_redirect_to_a_five_minute_link()
    {
        var links = new List<(string WorkspaceId, string AttachmentId, TimeSpan Lifetime)>();
        using var app = new ServeApp(services: services => services.AddSingleton<IAttachmentStore>(sp =>
            new LinkingAttachmentStore(sp.GetRequiredService<StoreSet>().Attachments, links)));
        await app.IngestDemoAsync();
        var attachment = await AnyStoredAttachmentAsync(app);
        using var demo = app.ClientFor(followRedirects: false, "ws-demo");

        var response = await demo.GetAsync($"/api/workspaces/ws-demo/attachments/{attachment.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ShouldBe(LinkingAttachmentStore.LinkFor(attachment.Id));
        links.ShouldBe([("ws-demo", attachment.Id, AttachmentsEndpoints.LinkLifetime)]);
        AttachmentsEndpoints.LinkLifetime.ShouldBe(TimeSpan.FromMinutes(5));
    }

    private static async Task<AttachmentInfo> AnyStoredAttachmentAsync(ServeApp app)
    {
        var store = app.Services.GetRequiredService<StoreSet>();
        foreach (var id in (await store.Records.ListEventsAsync("ws-demo", CancellationToken.None)).SelectMany(e => e.AttachmentIds))
        {
            if (await store.Attachments.FindAsync("ws-demo", id, CancellationToken.None) is { Sha256: not null } info)
            {
                return info;
            }
        }
        throw new InvalidOperationException("The demo mailbox stored no attachment content.");
    }

    /// <summary>Stands in for Blob storage's SAS links (which leave the machine); everything else is the real embedded store.</summary>
    private sealed class LinkingAttachmentStore(IAttachmentStore inner, List<(string, string, TimeSpan)> issued) : IAttachmentStore
    {
        public static Uri LinkFor(string attachmentId) => new($"https://blob.example/attachments/{attachmentId}?sig=test");

        public Task<string> SaveAsync(string workspaceId, string eventKey, InboundAttachment attachment, CancellationToken cancellationToken) =>
            inner.SaveAsync(workspaceId, eventKey, attachment, cancellationToken);

        public Task<AttachmentInfo?> FindAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken) =>
            inner.FindAsync(workspaceId, attachmentId, cancellationToken);

        public Task<byte[]?> ReadAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A store with links is never read through the app.");

        public Task<Uri?> CreateReadLinkAsync(string workspaceId, string attachmentId, TimeSpan lifetime, CancellationToken cancellationToken)
        {
            issued.Add((workspaceId, attachmentId, lifetime));
            return Task.FromResult<Uri?>(LinkFor(attachmentId));
        }
    }
}
