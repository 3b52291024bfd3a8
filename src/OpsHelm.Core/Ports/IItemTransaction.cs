namespace OpsHelm.Core.Ports;

/// <summary>One item's writes inside a page: disposed without <see cref="Complete"/>, they are rolled back and the page goes on.</summary>
public interface IItemTransaction : IDisposable
{
    /// <summary>Keeps the item's writes in the page.</summary>
    void Complete();
}
