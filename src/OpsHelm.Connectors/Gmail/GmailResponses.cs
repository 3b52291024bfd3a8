namespace OpsHelm.Connectors.Gmail;

/// <summary>One page of users.history.list.</summary>
/// <param name="Records">History records, oldest first.</param>
/// <param name="NextPageToken">The next page, if any.</param>
/// <param name="HistoryId">The mailbox's current history id.</param>
internal sealed record GmailHistoryPage(IReadOnlyList<GmailHistoryRecord> Records, string? NextPageToken, string? HistoryId);

/// <summary>One history record: the messages added and the messages labels were added to.</summary>
internal sealed record GmailHistoryRecord(string Id, IReadOnlyList<GmailMessageRef> Added, IReadOnlyList<GmailLabelChange> LabelsAdded);

/// <summary>A labelAdded change: the message and the labels added to it.</summary>
internal sealed record GmailLabelChange(GmailMessageRef Message, IReadOnlyList<string> LabelIds);

/// <summary>A message as lists name it: id, thread and (sometimes) labels.</summary>
internal sealed record GmailMessageRef(string Id, string? ThreadId, IReadOnlyList<string> LabelIds);

/// <summary>One page of users.messages.list.</summary>
internal sealed record GmailMessageListPage(IReadOnlyList<GmailMessageRef> Messages, string? NextPageToken);

/// <summary>users.getProfile: the address and its current history id.</summary>
internal sealed record GmailProfile(string EmailAddress, string HistoryId);

/// <summary>users.watch's answer: the history id the watch starts from and when it lapses.</summary>
internal sealed record GmailWatchResponse(string HistoryId, DateTimeOffset Expiration);
