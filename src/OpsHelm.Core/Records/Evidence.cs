namespace OpsHelm.Core.Records;

/// <summary>The reasons behind a classification or extraction, in the order they were found.</summary>
public sealed class Evidence
{
    private readonly List<string> _items = [];

    /// <summary>What was found, in order.</summary>
    public IReadOnlyList<string> Items => _items;

    /// <summary>Adds one line of evidence.</summary>
    public void Add(string item) => _items.Add(item);
}
