using Microsoft.Azure.Cosmos;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>The one query shape the stores use: documents of one type in one workspace's partition.</summary>
internal static class DocumentQuery
{
    /// <summary>
    /// <c>SELECT [TOP n] * FROM c WHERE c.workspaceId = @ws AND c.type = @type [AND filter] [order]</c>. The partition key value
    /// is always in the filter: the query stays in one partition, and the emulator insists on seeing it.
    /// </summary>
    public static QueryDefinition Of(string workspaceId, string type, string? filter = null, string? orderBy = null, int? top = null)
    {
        var query = new QueryDefinition(
            $"SELECT {(top is null ? "" : "TOP @top ")}* FROM c WHERE c.workspaceId = @ws AND c.type = @type{(filter is null ? "" : " AND " + filter)}{(orderBy is null ? "" : " " + orderBy)}")
            .WithParameter("@ws", workspaceId)
            .WithParameter("@type", type);
        return top is { } count ? query.WithParameter("@top", count) : query;
    }
}
