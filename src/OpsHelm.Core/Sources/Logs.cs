using Microsoft.Extensions.Logging;

namespace OpsHelm.Core.Sources;

/// <summary>Structured log messages of sources and deliveries. Never message content, never secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "A {Provider} delivery was acknowledged but not recorded as a message ({Reason}); key {Key}, no workspace")]
    public static partial void Unrouted(ILogger logger, string provider, string reason, string key);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "A {Provider} message of workspace {WorkspaceId} was acknowledged but not recorded ({Reason}); source {Key}")]
    public static partial void Undeliverable(ILogger logger, string provider, string workspaceId, string reason, string key);
}
