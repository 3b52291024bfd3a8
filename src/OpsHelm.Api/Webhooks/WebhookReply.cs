using OpsHelm.Api.Ingestion;

namespace OpsHelm.Api.Webhooks;

/// <summary>A webhook's answer to its provider, and the notice to hand on when something was recorded.</summary>
/// <param name="Response">The HTTP answer.</param>
/// <param name="Notice">The notice, when the request recorded (or had already recorded) a push.</param>
public sealed record WebhookReply(IResult Response, InboundNotice? Notice = null)
{
    /// <summary>Runs the reply in the standalone host: the notice goes to <paramref name="sink"/>, then the answer.</summary>
    public async Task<IResult> HandOnAsync(INoticeSink sink, CancellationToken cancellationToken)
    {
        if (Notice is not null)
        {
            await sink.HandAsync(Notice, cancellationToken);
        }
        return Response;
    }
}
