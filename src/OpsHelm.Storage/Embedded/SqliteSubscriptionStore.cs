using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// Graph subscriptions and Gmail watches in the embedded SQLite file. Scoped by workspace, except
/// <see cref="FindAsync"/>: a notification names only the subscription, and an id belongs to one workspace (unique index).
/// </summary>
internal sealed class SqliteSubscriptionStore(SqliteDatabase database) : ISubscriptionStore
{
    public async Task<ProviderSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var found = await database.QueryJsonAsync(
            "SELECT data FROM subscriptions WHERE subscription_id = $id;",
            StoreJson.Default.ProviderSubscription, cancellationToken, ("$id", subscriptionId));
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<ProviderSubscription>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM subscriptions WHERE workspace_id = $ws ORDER BY subscription_id;",
            StoreJson.Default.ProviderSubscription, cancellationToken, ("$ws", workspaceId));
    }

    public async Task SaveAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO subscriptions (workspace_id, subscription_id, data) VALUES ($ws, $id, $data)
            ON CONFLICT (workspace_id, subscription_id) DO UPDATE SET data = excluded.data;
            """)
            .With("$ws", subscription.WorkspaceId)
            .With("$id", subscription.Id)
            .With("$data", JsonSerializer.Serialize(subscription, StoreJson.Default.ProviderSubscription));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException(
                $"Subscription '{subscription.Id}' already belongs to another workspace; it cannot be saved for workspace '{subscription.WorkspaceId}'.", ex);
        }
    }

    public async Task<bool> DeleteAsync(string workspaceId, string subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "DELETE FROM subscriptions WHERE workspace_id = $ws AND subscription_id = $id;")
            .With("$ws", workspaceId)
            .With("$id", subscriptionId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
