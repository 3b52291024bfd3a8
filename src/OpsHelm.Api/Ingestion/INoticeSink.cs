namespace OpsHelm.Api.Ingestion;

/// <summary>Where <c>opshelm serve</c> hands a recorded notice (the Functions host uses a queue output binding instead).</summary>
public interface INoticeSink
{
    /// <summary>Hands on <paramref name="notice"/>; never throws for a notice that could not be acted on now (the poll catches it up).</summary>
    Task HandAsync(InboundNotice notice, CancellationToken cancellationToken);
}
