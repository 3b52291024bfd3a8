namespace OpsHelm.Core.Sources;

/// <summary>A span of time whose messages reconciliation compares with what was recorded.</summary>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
public sealed record MessageWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>True when <paramref name="at"/> falls inside the window.</summary>
    public bool Contains(DateTimeOffset at) => at >= From && at < To;
}
