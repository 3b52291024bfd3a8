using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// The Cosmos DB store: records, the workspace lease, the push inbox and the message archive over one
/// <see cref="CosmosClient"/>. A key authenticates against emulators and keyed accounts; without one, Entra ID
/// (a managed identity in Azure, <see cref="DefaultAzureCredential"/> elsewhere).
/// </summary>
public sealed class CosmosStore : IDisposable, IAsyncDisposable
{
    private readonly CosmosClient _client;
    private readonly CosmosRecordStore _records;

    private CosmosStore(CosmosClient client, CosmosStoreOptions options, TimeProvider time)
    {
        _client = client;
        var database = client.GetDatabase(options.Database);
        var records = new DocumentContainer(database.GetContainer(options.RecordsContainer), Charges, options.PageSize);
        _records = new CosmosRecordStore(records, new WorkspaceRegistry(records), options);
        Locks = new CosmosWorkspaceLock(records, time, options);
        PushInbox = new CosmosPushInbox(records, options);
        Archive = new CosmosMessageArchive(records);
        WorkQueue = new CosmosWorkQueue(records, time);
    }

    /// <summary>Events, tickets, tasks, commitments, exceptions and runs.</summary>
    public IRecordStore Records => _records;

    /// <summary>The per-workspace lease.</summary>
    public IWorkspaceLock Locks { get; }

    /// <summary>Verified pushes waiting for their pull.</summary>
    public IPushInbox PushInbox { get; }

    /// <summary>Archived messages.</summary>
    public IMessageArchive Archive { get; }

    /// <summary>The store-backed work queue.</summary>
    public IWorkQueue WorkQueue { get; }

    /// <summary>Requests sent and request units charged by this store so far.</summary>
    public CosmosRequestCharges Charges { get; } = new();

    /// <summary>Adds to a run's counters with a patch increment (fan-in of work items without read-modify-write); false when the run is unknown.</summary>
    public Task<bool> IncrementRunCountersAsync(string workspaceId, string runId, IReadOnlyDictionary<string, int> counters, CancellationToken cancellationToken) =>
        _records.IncrementRunCountersAsync(workspaceId, runId, counters, cancellationToken);

    /// <summary>Connects (validating <paramref name="options"/>) and, when the setting asks, creates the database and containers.</summary>
    public static Task<CosmosStore> ConnectAsync(CosmosStoreOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        ConnectAsync(options, time, null, null, cancellationToken);

    /// <summary>As <see cref="ConnectAsync(CosmosStoreOptions, TimeProvider, CancellationToken)"/>, with an explicit credential for Entra ID.</summary>
    public static Task<CosmosStore> ConnectAsync(CosmosStoreOptions options, TimeProvider time, TokenCredential credential, CancellationToken cancellationToken) =>
        ConnectAsync(options, time, credential, null, cancellationToken);

    /// <summary>Connects through <paramref name="handler"/> (tests put a network-failure injector on the wire this way).</summary>
    internal static async Task<CosmosStore> ConnectAsync(
        CosmosStoreOptions options, TimeProvider time, TokenCredential? credential, Func<HttpMessageHandler, HttpMessageHandler>? handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var client = CreateClient(options, credential, handler);
        try
        {
            if (options.CreateContainersAtStartup)
            {
                await CosmosContainers.EnsureAsync(client, options, cancellationToken);
            }
            return new CosmosStore(client, options, time);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static CosmosClient CreateClient(CosmosStoreOptions options, TokenCredential? credential, Func<HttpMessageHandler, HttpMessageHandler>? wrap)
    {
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "OpsHelm",
            ConnectionMode = options.GatewayMode ? ConnectionMode.Gateway : ConnectionMode.Direct,
            LimitToEndpoint = options.LimitToEndpoint,
            UseSystemTextJsonSerializerWithOptions = CosmosJson.Options,
        };
        if (options.GatewayMode)
        {
            clientOptions.HttpClientFactory = () =>
            {
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                if (options.LocalEmulator)
                {
                    // Only the local emulator's self-signed certificate, and only on a loopback address; everything else is validated as usual.
                    handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, errors) =>
                        errors == System.Net.Security.SslPolicyErrors.None || options.Endpoint!.IsLoopback;
                }
                HttpMessageHandler pipeline = options.LocalEmulator ? new LocalEmulatorHandler { InnerHandler = handler } : handler;
                return new HttpClient(wrap is null ? pipeline : wrap(pipeline), disposeHandler: true);
            };
        }
        var endpoint = options.Endpoint!.ToString();
        if (options.Key is { } key)
        {
            return new CosmosClient(endpoint, key, clientOptions);
        }
        credential ??= AzureCredentials.For(options.ManagedIdentityClientId);
        return new CosmosClient(endpoint, credential, clientOptions);
    }

    /// <summary>Closes the client.</summary>
    public void Dispose() => _client.Dispose();

    /// <summary>Closes the client.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
