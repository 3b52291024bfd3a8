namespace OpsHelm.Core.Ports;

/// <summary>
/// Groups a run's writes by page: one store transaction per page, each item in a nested unit that rolls back alone. Stores
/// whose writes are independent (Cosmos DB) have nothing to group and use <see cref="NoPageTransactions"/>.
/// </summary>
public interface IPageTransactions
{
    /// <summary>Starts a page; the store calls made from this flow until it is committed or disposed write inside it.</summary>
    IPageTransaction BeginPage();
}
