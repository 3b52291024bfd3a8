using System.ComponentModel.DataAnnotations;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>How runs read pages and retry messages (section <c>OpsHelm:Ingestion</c>), validated at start-up.</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpsHelm:Ingestion";

    /// <summary>Items a pulled page collects before its messages fan out (its checkpoints move together).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = IngestionSettings.Default.PageSize;

    /// <summary>Pages one backfill run reads; the next run continues where it stopped.</summary>
    [Range(1, 10_000)]
    public int BackfillPagesPerRun { get; set; } = IngestionSettings.Default.BackfillPagesPerRun;

    /// <summary>Messages the in-process driver (<c>opshelm serve</c>) processes at once.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = IngestionSettings.Default.Parallelism;

    /// <summary>The settings the run steps and the in-process driver use; retries follow <see cref="IngestionOrchestrator.Retry"/>.</summary>
    public IngestionSettings ToSettings() => IngestionSettings.Default with
    {
        PageSize = PageSize,
        BackfillPagesPerRun = BackfillPagesPerRun,
        Parallelism = Parallelism,
        MaxAttempts = IngestionOrchestrator.Retry.MaxNumberOfAttempts,
        FirstRetryInterval = IngestionOrchestrator.Retry.FirstRetryInterval,
        MaxRetryInterval = IngestionOrchestrator.Retry.MaxRetryInterval,
    };
}
