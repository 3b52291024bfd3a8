using Azure.Core;
using Azure.Data.Tables;
using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>
/// Operational state on Azure Table storage: checkpoints, Graph subscriptions, Gmail watches, the subscription lookup, source
/// health and incidents, one table per concern (named <see cref="TableStoreOptions.TablePrefix"/> + <see cref="Tables"/>).
/// Entra ID with the user-assigned identity in Azure; a connection string for Azurite.
/// </summary>
public sealed class TableStore
{
    /// <summary>The concerns, each a table (with the prefix in front).</summary>
    public static readonly IReadOnlyList<string> Tables = ["checkpoints", "graphsubscriptions", "gmailwatches", "subscriptionids", "sourcehealth", "incidents"];

    private readonly RequestCounter _requests;

    private TableStore(TableServiceClient service, TableStoreOptions options, RequestCounter requests)
    {
        _requests = requests;
        Endpoint = service.Uri;
        EntityTable<T> Table<T>(string concern) where T : class, ITableEntity, new() =>
            new(service.GetTableClient(options.TablePrefix + concern), Endpoint, options.MaxConflictRetries);
        Checkpoints = Table<CheckpointEntity>("checkpoints");
        var graph = Table<SubscriptionEntity>("graphsubscriptions");
        var gmail = Table<SubscriptionEntity>("gmailwatches");
        var lookups = Table<SubscriptionEntity>("subscriptionids");
        var sources = Table<SourceHealthEntity>("sourcehealth");
        var incidents = Table<IncidentEntity>("incidents");
        _all = [Checkpoints.CreateAsync, graph.CreateAsync, gmail.CreateAsync, lookups.CreateAsync, sources.CreateAsync, incidents.CreateAsync];
        States = new TableProcessingStateStore(Checkpoints);
        Subscriptions = new TableSubscriptionStore(graph, gmail, lookups);
        Health = new TableSourceHealthStore(sources, incidents);
    }

    private readonly Func<CancellationToken, Task>[] _all;

    /// <summary>The table service endpoint (errors name it).</summary>
    public Uri Endpoint { get; }

    /// <summary>Checkpoints per workspace, mailbox and folder.</summary>
    public IProcessingStateStore States { get; }

    /// <summary>Graph subscriptions and Gmail watches, found by id in one point read.</summary>
    public ISubscriptionStore Subscriptions { get; }

    /// <summary>Connection state and incidents of every source.</summary>
    public ISourceHealthStore Health { get; }

    /// <summary>Requests sent so far, retries included.</summary>
    public int RequestsSent => _requests.Sent;

    internal EntityTable<CheckpointEntity> Checkpoints { get; }

    /// <summary>Connects (validating <paramref name="options"/>) and, when the setting asks, creates the tables.</summary>
    public static Task<TableStore> ConnectAsync(TableStoreOptions options, TokenCredential? credential, CancellationToken cancellationToken) =>
        ConnectAsync(options, credential, null, cancellationToken);

    /// <summary>As <see cref="ConnectAsync(TableStoreOptions, TokenCredential?, CancellationToken)"/>, with the client options adjusted (tests add policies).</summary>
    internal static async Task<TableStore> ConnectAsync(TableStoreOptions options, TokenCredential? credential, Action<TableClientOptions>? configure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var requests = new RequestCounter();
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        configure?.Invoke(clientOptions);
        var service = options.TableServiceUri is { } uri
            ? new TableServiceClient(uri, credential ?? AzureCredentials.For(options.ManagedIdentityClientId), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
        var store = new TableStore(service, options, requests);
        if (options.CreateTablesAtStartup)
        {
            foreach (var create in store._all)
            {
                await create(cancellationToken);
            }
        }
        return store;
    }
}
