using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Tests;

/// <summary>Core records built directly, with plain defaults a test overrides through <c>with</c>.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset SentAt = new(2026, 11, 20, 8, 30, 0, TimeSpan.FromHours(-5));

    /// <summary>Where a test's fake clock starts.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static EmailEvent Event(string workspaceId, string providerMessageId, DateTimeOffset? sentAt = null, string? ticketId = null) => new()
    {
        Key = "email:" + providerMessageId,
        WorkspaceId = workspaceId,
        Channel = "Email",
        ProviderMessageId = providerMessageId,
        Mailbox = "me@msp.example",
        Folder = "inbox",
        ConversationId = "conv-" + providerMessageId,
        Subject = "INC0012345 printer down",
        From = "jane@contoso.example",
        SentAt = sentAt ?? SentAt,
        Category = ticketId is null ? Category.Other : Category.Ticket,
        Confidence = 0.9,
        Evidence = ["subject matches ServiceNow INC number"],
        TicketId = ticketId,
        RunId = "run-1",
    };

    public static TicketObservation Observation(string ticketId, DateTimeOffset? at = null) =>
        new(ticketId, TicketSystem.ServiceNow, "Contoso", "P2", StatusBucket.InProgress, TouchKind.Customer, at ?? SentAt, false, "printer down");

    public static Ticket Ticket(string workspaceId, string ticketId, DateTimeOffset? lastActivity = null) => new()
    {
        WorkspaceId = workspaceId,
        TicketId = ticketId,
        System = TicketSystem.ServiceNow,
        Customer = "Contoso",
        Priority = "P2",
        StatusBucket = StatusBucket.InProgress,
        LastActivity = lastActivity ?? SentAt,
        Title = "printer down",
        MessageCount = 1,
    };

    public static WorkTask Task(string workspaceId, string id, DateTimeOffset? due = null) => new()
    {
        Id = id,
        WorkspaceId = workspaceId,
        Kind = "Ask",
        Title = "Answer: can you check the printer?",
        SourceEventKey = "email:m1",
        Due = due,
        CreatedAt = SentAt,
    };

    public static Commitment Commitment(string workspaceId, string key, DateTimeOffset? due = null) => new()
    {
        Key = key,
        WorkspaceId = workspaceId,
        SourceEventKey = "email:m1",
        Text = "I'll send the report by Friday",
        Due = due,
        MadeAt = SentAt,
    };

    public static ExceptionRecord Exception(string workspaceId, string id, string eventKey = "email:m1", string status = "Open", DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        WorkspaceId = workspaceId,
        EventKey = eventKey,
        MessageId = eventKey,
        Reason = ExceptionReason.LowConfidence,
        Details = "confidence 0.4 below 0.7",
        Status = status,
        CreatedAt = createdAt ?? SentAt,
    };

    /// <summary>A ticket message with its thread keys, one task, one commitment and one exception.</summary>
    public static MessageOutcome TicketOutcome(string workspaceId, string providerMessageId, string ticketId = "INC0012345") => new()
    {
        Event = Event(workspaceId, providerMessageId, ticketId: ticketId),
        Classification = new Classification(Category.Ticket, 0.9, ["subject matches ServiceNow INC number"], null),
        Extraction = new ExtractionResult(new TicketFields(ticketId, TicketSystem.ServiceNow, "Contoso", "P2", StatusBucket.InProgress), [], [], false, []),
        Ticket = Observation(ticketId),
        ThreadKeys = ["conv:conv-" + providerMessageId, "wm:MSG0001"],
        Tasks = [Task(workspaceId, "task-" + providerMessageId)],
        Commitments = [Commitment(workspaceId, "commitment-" + providerMessageId)],
        Exceptions = [Exception(workspaceId, "exception-" + providerMessageId, "email:" + providerMessageId)],
    };

    /// <summary>A message without a ticket and without anything raised.</summary>
    public static MessageOutcome PlainOutcome(string workspaceId, string providerMessageId, DateTimeOffset? sentAt = null) => new()
    {
        Event = Event(workspaceId, providerMessageId, sentAt),
        Classification = new Classification(Category.Other, 0.8, ["nothing matched"], null),
        Extraction = new ExtractionResult(null, [], [], false, []),
    };

    /// <summary>A merge that stands in for TicketMerger: creates the ticket, or counts one more message on it.</summary>
    public static Func<Ticket?, Ticket> CountingMerge(string workspaceId, string ticketId) =>
        existing => existing is null
            ? Ticket(workspaceId, ticketId)
            : existing with { MessageCount = existing.MessageCount + 1 };
}
