using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Identity;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>
/// Attachments as block blobs <c>{workspace}/{message}/{file}</c>, spoken to over the Blob REST API. The SHA-256 of the content
/// is kept in the blob's metadata and checked on every read; the same content of the same message maps to the same blob and
/// is uploaded once. A second attachment of a message with the same name but other content gets a content-derived name.
/// </summary>
public sealed class BlobAttachmentStore : IAttachmentStore, IDisposable
{
    private readonly BlobRestClient _client;
    private readonly BlobStoreOptions _options;
    private readonly BlobAuthorization _authorization;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _keyGate = new(1, 1);
    private UserDelegationKey? _delegationKey;

    private BlobAttachmentStore(HttpClient http, BlobStoreOptions options, BlobAuthorization authorization, TimeProvider time)
    {
        _http = http;
        _options = options;
        _authorization = authorization;
        _time = time;
        _client = new BlobRestClient(http, options, authorization, time);
    }

    /// <summary>Requests sent so far, retries included.</summary>
    public int RequestsSent => _client.Attempts;

    /// <summary>
    /// Opens the store (validating <paramref name="options"/>): Shared Key when an account key is set, else Entra ID with
    /// <paramref name="credential"/> (or a managed identity / <see cref="DefaultAzureCredential"/>). Creates the container when asked.
    /// </summary>
    public static async Task<BlobAttachmentStore> OpenAsync(BlobStoreOptions options, TimeProvider time, TokenCredential? credential, CancellationToken cancellationToken) =>
        await OpenAsync(options, time, credential, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, cancellationToken);

    /// <summary>As <see cref="OpenAsync(BlobStoreOptions, TimeProvider, TokenCredential?, CancellationToken)"/>, over <paramref name="handler"/>.</summary>
    internal static async Task<BlobAttachmentStore> OpenAsync(BlobStoreOptions options, TimeProvider time, TokenCredential? credential, HttpMessageHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BlobAuthorization authorization = options.AccountKey is { } key
            ? new BlobAuthorization.SharedKey(new SharedKeySigner(options.AccountName, key))
            : new BlobAuthorization.Bearer(credential ?? AzureCredentials.For(options.ManagedIdentityClientId));
        var store = new BlobAttachmentStore(new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromMinutes(5) }, options, authorization, time);
        if (options.CreateContainerAtStartup)
        {
            try
            {
                await store._client.CreateContainerAsync(cancellationToken);
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }
        return store;
    }

    /// <inheritdoc />
    public async Task<string> SaveAsync(string workspaceId, string eventKey, InboundAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        ArgumentNullException.ThrowIfNull(attachment);
        var safeName = AttachmentPolicy.SafeName(attachment.Name);
        var message = BlobNames.Segment(eventKey);
        var file = BlobNames.File(safeName);
        var contentType = MediaTypeHeaderValue.TryParse(attachment.ContentType, out var parsed) ? parsed.ToString() : "application/octet-stream";
        var content = attachment.Content;
        if (content is not null && content.LongLength > _options.MaxAttachmentBytes)
        {
            throw new InvalidOperationException(
                $"Attachment '{safeName}' is {content.LongLength} bytes, over the {_options.MaxAttachmentBytes}-byte limit of the Blob store.");
        }
        var sha256 = content is null ? null : Convert.ToHexStringLower(SHA256.HashData(content));

        var existing = await _client.GetPropertiesAsync(BlobNames.Blob(workspaceId, message, file), cancellationToken);
        if (existing is not null && existing.Meta("sha256") != sha256)
        {
            // Another attachment of the message has this name: keep both, this one under a content-derived name.
            file = Path.GetFileNameWithoutExtension(file) + "-" + (sha256 ?? "meta")[..8] + Path.GetExtension(file);
            existing = await _client.GetPropertiesAsync(BlobNames.Blob(workspaceId, message, file), cancellationToken);
        }
        var id = BlobNames.Id(message, file);
        if (existing is not null && existing.Meta("sha256") == sha256)
        {
            return id;
        }
        var metadata = new Dictionary<string, string>
        {
            ["eventkey"] = Uri.EscapeDataString(eventKey),
            ["name"] = Uri.EscapeDataString(safeName),
            ["declaredsize"] = (content?.LongLength ?? attachment.Size).ToString(CultureInfo.InvariantCulture),
            ["contentknown"] = content is null ? "false" : "true",
        };
        if (sha256 is not null)
        {
            metadata["sha256"] = sha256;
        }
        var blob = BlobNames.Blob(workspaceId, message, file);
        if (content is null || content.Length <= _options.SingleUploadLimit)
        {
            await _client.PutBlobAsync(blob, content ?? [], contentType, metadata, cancellationToken);
        }
        else
        {
            await _client.PutBlocksAsync(blob, content, contentType, metadata, cancellationToken);
        }
        return id;
    }

    /// <inheritdoc />
    public async Task<AttachmentInfo?> FindAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken)
    {
        if (BlobNames.BlobOf(workspaceId, attachmentId) is not { } blob || await _client.GetPropertiesAsync(blob, cancellationToken) is not { } properties)
        {
            return null;
        }
        return Info(workspaceId, attachmentId, properties);
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken)
    {
        if (BlobNames.BlobOf(workspaceId, attachmentId) is not { } blob || await _client.GetBlobAsync(blob, cancellationToken) is not { } found)
        {
            return null;
        }
        var (content, properties) = found;
        if (properties.Meta("contentknown") != "true" || properties.Meta("sha256") is not { } expected)
        {
            return null;
        }
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(expected))
            ? content
            : throw new InvalidDataException($"Attachment '{attachmentId}' of workspace '{workspaceId}' does not match its stored hash.");
    }

    /// <inheritdoc />
    public async Task<Uri?> CreateReadLinkAsync(string workspaceId, string attachmentId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > _options.MaxReadLinkLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A read link lives more than zero and at most {_options.MaxReadLinkLifetime}.");
        }
        if (BlobNames.BlobOf(workspaceId, attachmentId) is not { } blob
            || await _client.GetPropertiesAsync(blob, cancellationToken) is not { } properties
            || properties.Meta("contentknown") != "true")
        {
            return null;
        }
        var expiry = _time.GetUtcNow() + lifetime;
        var uri = _client.BlobUri(blob);
        var fileName = blob[(blob.LastIndexOf('/') + 1)..];
        return _authorization switch
        {
            BlobAuthorization.SharedKey sharedKey => BlobReadLinks.Service(uri, _options.AccountName, _options.Container, blob, expiry, fileName, sharedKey.Signer.Hmac),
            _ => BlobReadLinks.UserDelegation(uri, _options.AccountName, _options.Container, blob, expiry, fileName,
                await DelegationKeyAsync(expiry, cancellationToken)),
        };
    }

    /// <summary>Deletes an attachment's blob; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken) =>
        BlobNames.BlobOf(workspaceId, attachmentId) is { } blob && await _client.DeleteAsync(blob, cancellationToken);

    /// <summary>Creates the container unless it exists; true when created.</summary>
    public Task<bool> CreateContainerAsync(CancellationToken cancellationToken) => _client.CreateContainerAsync(cancellationToken);

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _keyGate.Dispose();
    }

    // One user-delegation key serves many links: fetched for a day and replaced once a link would outlive it.
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset linkExpiry, CancellationToken cancellationToken)
    {
        await _keyGate.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is { } key && key.Expiry >= linkExpiry)
            {
                return key;
            }
            var now = _time.GetUtcNow();
            var keyExpiry = now + TimeSpan.FromDays(1) > linkExpiry ? now + TimeSpan.FromDays(1) : linkExpiry;
            _delegationKey = await _client.GetUserDelegationKeyAsync(now.AddMinutes(-5), keyExpiry, cancellationToken);
            return _delegationKey;
        }
        finally
        {
            _keyGate.Release();
        }
    }

    private static AttachmentInfo Info(string workspaceId, string attachmentId, BlobProperties properties)
    {
        var known = properties.Meta("contentknown") == "true";
        var size = known ? properties.Length : long.TryParse(properties.Meta("declaredsize"), CultureInfo.InvariantCulture, out var declared) ? declared : 0;
        return new AttachmentInfo(attachmentId, workspaceId,
            Uri.UnescapeDataString(properties.Meta("eventkey") ?? ""),
            Uri.UnescapeDataString(properties.Meta("name") ?? ""),
            properties.ContentType, size, known ? properties.Meta("sha256") : null);
    }
}
