using Microsoft.Extensions.Logging;

namespace OpsHelm.Connectors.Imap;

/// <summary>The IMAP connector's log messages (never a secret or a message body).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "IMAP connection to {Host} for {Mailbox} failed ({Error}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string host, string mailbox, string error, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "IMAP server {Host} rejected the credential of {Mailbox}")]
    public static partial void CredentialRejected(ILogger logger, string host, string mailbox);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "IMAP folder {Folder} of {Mailbox} has a new UIDVALIDITY ({Old} → {New}); resyncing since {Since}")]
    public static partial void UidValidityChanged(ILogger logger, string mailbox, string folder, uint old, uint @new, DateTimeOffset since);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "IMAP message UID {Uid} of {Mailbox}/{Folder} was gone before it could be fetched")]
    public static partial void MessageGone(ILogger logger, string mailbox, string folder, uint uid);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "IMAP folder {Folder} of {Mailbox} was not found and is skipped")]
    public static partial void FolderMissing(ILogger logger, string mailbox, string folder);
}
