using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>
/// Attachments as block blobs <c>{workspace}/{message}/{file}</c> through Azure.Storage.Blobs. The SHA-256 of the content is kept
/// in the blob's metadata and checked on every read; the same content of the same message maps to the same blob and is written
/// once (<c>If-None-Match: *</c>). A second attachment of a message with the same name but other content gets a content-derived
/// name. Read links are SAS links the SDK builds: a service SAS with the account key, a user-delegation SAS with Entra ID.
/// </summary>
public sealed class BlobAttachmentStore : IAttachmentStore, IDisposable
{
    private const string Service = "Blob storage";
    private readonly BlobContainerClient _container;
    private readonly BlobStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly RequestCounter _requests;
    private readonly SemaphoreSlim _keyGate = new(1, 1);
    private UserDelegationKey? _delegationKey;

    private BlobAttachmentStore(BlobContainerClient container, BlobStoreOptions options, TimeProvider time, RequestCounter requests)
    {
        _container = container;
        _options = options;
        _time = time;
        _requests = requests;
    }

    /// <summary>Requests sent so far, retries included.</summary>
    public int RequestsSent => _requests.Sent;

    /// <summary>
    /// Opens the store (validating <paramref name="options"/>): the account key when one is set (Azurite, keyed accounts), else
    /// Entra ID with <paramref name="credential"/> (or the user-assigned identity / default chain of <see cref="AzureCredentials"/>).
    /// Creates the container when asked.
    /// </summary>
    public static Task<BlobAttachmentStore> OpenAsync(BlobStoreOptions options, TimeProvider time, TokenCredential? credential, CancellationToken cancellationToken) =>
        OpenAsync(options, time, credential, null, cancellationToken);

    /// <summary>As <see cref="OpenAsync(BlobStoreOptions, TimeProvider, TokenCredential?, CancellationToken)"/>, with the client options adjusted (tests: a transport, a policy).</summary>
    internal static async Task<BlobAttachmentStore> OpenAsync(BlobStoreOptions options, TimeProvider time, TokenCredential? credential, Action<BlobClientOptions>? configure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var requests = new RequestCounter();
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        configure?.Invoke(clientOptions);
        var containerUri = new Uri(options.Endpoint!.AbsoluteUri.TrimEnd('/') + "/" + options.Container);
        var container = options.AccountKey is { } key
            ? new BlobContainerClient(containerUri, new StorageSharedKeyCredential(options.AccountName, key), clientOptions)
            : new BlobContainerClient(containerUri, credential ?? AzureCredentials.For(options.ManagedIdentityClientId), clientOptions);
        var store = new BlobAttachmentStore(container, options, time, requests);
        if (options.CreateContainerAtStartup)
        {
            await store.CreateContainerAsync(cancellationToken);
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
        var content = attachment.Content;
        if (content is not null && content.LongLength > _options.MaxAttachmentBytes)
        {
            throw new InvalidOperationException(
                $"Attachment '{safeName}' is {content.LongLength} bytes, over the {_options.MaxAttachmentBytes}-byte limit of the Blob store.");
        }
        var sha256 = content is null ? null : Convert.ToHexStringLower(SHA256.HashData(content));
        return await CallAsync("saving an attachment", async () =>
        {
            var existing = await PropertiesAsync(BlobNames.Blob(workspaceId, message, file), cancellationToken);
            if (existing is not null && Meta(existing, "sha256") != sha256)
            {
                // Another attachment of the message has this name: keep both, this one under a content-derived name.
                file = Path.GetFileNameWithoutExtension(file) + "-" + (sha256 ?? "meta")[..8] + Path.GetExtension(file);
                existing = await PropertiesAsync(BlobNames.Blob(workspaceId, message, file), cancellationToken);
            }
            var id = BlobNames.Id(message, file);
            if (existing is not null && Meta(existing, "sha256") == sha256)
            {
                return id;
            }
            await UploadAsync(BlobNames.Blob(workspaceId, message, file), eventKey, safeName, attachment, sha256, cancellationToken);
            return id;
        });
    }

    /// <inheritdoc />
    public async Task<AttachmentInfo?> FindAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken)
    {
        if (BlobNames.BlobOf(workspaceId, attachmentId) is not { } blob
            || await CallAsync("reading an attachment's properties", () => PropertiesAsync(blob, cancellationToken)) is not { } properties)
        {
            return null;
        }
        return Info(workspaceId, attachmentId, properties);
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken)
    {
        if (BlobNames.BlobOf(workspaceId, attachmentId) is not { } blob)
        {
            return null;
        }
        return await CallAsync("reading an attachment", async () =>
        {
            BlobDownloadStreamingResult download;
            try
            {
                download = (await _container.GetBlobClient(blob).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                return null;
            }
            using (download)
            {
                var details = download.Details;
                if (Meta(details.Metadata, "contentknown") != "true" || Meta(details.Metadata, "sha256") is not { } expected)
                {
                    return null;
                }
                if (details.ContentLength > _options.MaxAttachmentBytes)
                {
                    throw new InvalidDataException($"Attachment '{attachmentId}' of workspace '{workspaceId}' is larger than the store's limit.");
                }
                // Streamed into a buffer of the announced size, hashed as it arrives.
                var content = new byte[details.ContentLength];
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var read = 0;
                int chunk;
                while (read < content.Length && (chunk = await download.Content.ReadAsync(content.AsMemory(read), cancellationToken)) > 0)
                {
                    hash.AppendData(content, read, chunk);
                    read += chunk;
                }
                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                return read == content.Length && CryptographicOperations.FixedTimeEquals(
                        System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(expected))
                    ? content
                    : throw new InvalidDataException($"Attachment '{attachmentId}' of workspace '{workspaceId}' does not match its stored hash.");
            }
        });
    }

    /// <inheritdoc />
    public async Task<Uri?> CreateReadLinkAsync(string workspaceId, string attachmentId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > _options.MaxReadLinkLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A read link lives more than zero and at most {_options.MaxReadLinkLifetime}.");
        }
        if (BlobNames.BlobOf(workspaceId, attachmentId) is not { } blob)
        {
            return null;
        }
        return await CallAsync("creating a read link", async () =>
        {
            if (await PropertiesAsync(blob, cancellationToken) is not { } properties || Meta(properties, "contentknown") != "true")
            {
                return null;
            }
            var client = _container.GetBlobClient(blob);
            var sas = new BlobSasBuilder(BlobSasPermissions.Read, _time.GetUtcNow() + lifetime)
            {
                BlobContainerName = _container.Name,
                BlobName = blob,
                Resource = "b",
                Protocol = client.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
                // A browser downloads the file, never renders it (HTML and SVG from a mail are hostile).
                // The file segment is plain ASCII (BlobNames.File), so it needs no encoding inside the quotes.
                ContentDisposition = $"attachment; filename=\"{blob[(blob.LastIndexOf('/') + 1)..]}\"",
            };
            if (client.CanGenerateSasUri)
            {
                return client.GenerateSasUri(sas);
            }
            var key = await DelegationKeyAsync(sas.ExpiresOn, cancellationToken);
            return new BlobUriBuilder(client.Uri) { Sas = sas.ToSasQueryParameters(key, _options.AccountName) }.ToUri();
        });
    }

    /// <summary>Deletes an attachment's blob; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken) =>
        BlobNames.BlobOf(workspaceId, attachmentId) is { } blob
        && await CallAsync("deleting an attachment", async () => (await _container.GetBlobClient(blob).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value);

    /// <summary>Creates the container unless it exists; true when created.</summary>
    public Task<bool> CreateContainerAsync(CancellationToken cancellationToken) =>
        CallAsync("creating the container", async () => await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken) is not null);

    /// <summary>Releases the key gate (the SDK's clients hold nothing to release).</summary>
    public void Dispose() => _keyGate.Dispose();

    private async Task UploadAsync(string blob, string eventKey, string safeName, InboundAttachment attachment, string? sha256, CancellationToken cancellationToken)
    {
        var content = attachment.Content;
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
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = MediaTypeHeaderValue.TryParse(attachment.ContentType, out var parsed) ? parsed.ToString() : "application/octet-stream",
                // The whole content's MD5 is kept as the blob's Content-MD5 (SDK downloads check it); each block is checked in transit.
                ContentHash = content is null ? null : MD5.HashData(content),
            },
            Metadata = metadata,
            // Written once: a blob already there (a racing writer of the same attachment) is never overwritten.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = _options.SingleUploadLimit,
                MaximumTransferSize = _options.BlockSize,
                MaximumConcurrency = 4,
            },
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        };
        using var stream = new MemoryStream(content ?? [], writable: false);
        try
        {
            await _container.GetBlobClient(blob).UploadAsync(stream, upload, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // Another writer got there first: fine when it stored the same content, which is then there once.
            if (await PropertiesAsync(blob, cancellationToken) is not { } winner || Meta(winner, "sha256") != sha256)
            {
                throw;
            }
        }
    }

    private async Task<BlobProperties?> PropertiesAsync(string blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(blob).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (StorageUnavailableException.Is(ex))
        {
            throw StorageUnavailableException.For(Service, _options.Endpoint!, operation, ex);
        }
    }

    // One user-delegation key serves many links: fetched for a day and replaced once a link would outlive it.
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset linkExpiry, CancellationToken cancellationToken)
    {
        await _keyGate.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is { } key && key.SignedExpiresOn >= linkExpiry)
            {
                return key;
            }
            var now = _time.GetUtcNow();
            var keyExpiry = now + TimeSpan.FromDays(1) > linkExpiry ? now + TimeSpan.FromDays(1) : linkExpiry;
            var service = _container.GetParentBlobServiceClient();
            _delegationKey = (await service.GetUserDelegationKeyAsync(new BlobGetUserDelegationKeyOptions(keyExpiry) { StartsOn = now.AddMinutes(-5) },
                cancellationToken)).Value;
            return _delegationKey;
        }
        finally
        {
            _keyGate.Release();
        }
    }

    private static string? Meta(BlobProperties properties, string name) => Meta(properties.Metadata, name);

    private static string? Meta(IDictionary<string, string> metadata, string name) => metadata.TryGetValue(name, out var value) ? value : null;

    private static AttachmentInfo Info(string workspaceId, string attachmentId, BlobProperties properties)
    {
        var known = Meta(properties, "contentknown") == "true";
        var size = known ? properties.ContentLength : long.TryParse(Meta(properties, "declaredsize"), CultureInfo.InvariantCulture, out var declared) ? declared : 0;
        return new AttachmentInfo(attachmentId, workspaceId,
            Uri.UnescapeDataString(Meta(properties, "eventkey") ?? ""),
            Uri.UnescapeDataString(Meta(properties, "name") ?? ""),
            properties.ContentType ?? "application/octet-stream", size, known ? Meta(properties, "sha256") : null);
    }
}
