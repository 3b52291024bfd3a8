namespace OpsHelm.Core.Runs;

/// <summary>One or more sources of a pull failed after the others were read; each failure is also on its source's health.</summary>
public sealed class SourcesFailedException : Exception
{
    /// <summary>A failure naming each source that failed and why.</summary>
    public SourcesFailedException(IReadOnlyList<string> failures)
        : base("Sources failed (the others were read): " + string.Join("; ", failures)) => Failures = failures;

    /// <summary>An empty failure (for serializers and analyzers).</summary>
    public SourcesFailedException() : this([]) { }

    /// <summary>A failure with a message.</summary>
    public SourcesFailedException(string message) : base(message) => Failures = [message];

    /// <summary>A failure with a message and its cause.</summary>
    public SourcesFailedException(string message, Exception innerException) : base(message, innerException) => Failures = [message];

    /// <summary>Each failed source and why.</summary>
    public IReadOnlyList<string> Failures { get; }
}
