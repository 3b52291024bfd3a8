using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Ingestion;
using OpsHelm.Api.Webhooks;

namespace OpsHelm.Functions.Hosting;

/// <summary>A webhook function's two outputs: the answer to the provider, and the notice for the queue when something was recorded.</summary>
public sealed class WebhookOutput
{
    /// <summary>The HTTP answer.</summary>
    [HttpResult]
    public required IActionResult Response { get; init; }

    /// <summary>The notice (JSON) for <see cref="InboundNotice.QueueName"/>; null sends nothing.</summary>
    [QueueOutput(InboundNotice.QueueName, Connection = "AzureWebJobsStorage")]
    public string? Notice { get; init; }

    /// <summary>The outputs of <paramref name="reply"/>.</summary>
    public static WebhookOutput Of(WebhookReply reply) => new()
    {
        Response = new ResultAction(reply.Response),
        Notice = reply.Notice is { } notice ? JsonSerializer.Serialize(notice, JsonSerializerOptions.Web) : null,
    };
}
