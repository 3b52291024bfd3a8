namespace OpsHelm.Api.Ingestion;

/// <summary>Log messages of serve's ingestion.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Resumed {Runs} run(s) of workspace {WorkspaceId} a stopped process left unfinished")]
    public static partial void Resumed(ILogger logger, int runs, string workspaceId);
}
