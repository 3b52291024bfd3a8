namespace OpsHelm.Api.Ingestion;

/// <summary>What asking for a run gave: the run carrying it, and whether this request started it (false: one was in flight).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Trigger">Its trigger.</param>
/// <param name="Started">True when this request started it.</param>
public sealed record IngestionStart(string RunId, string Trigger, bool Started);
