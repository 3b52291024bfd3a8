// The portal API's JSON, as the Functions app serves it (camelCase, enums as strings).

export interface Workspace { id: string; name: string; timeZone: string; mailboxes: { id: string; provider: string; address: string }[] }
export interface WorkspaceList { user: string; workspaces: Workspace[] }

export interface MailboxCoverage { mailbox: string; from: string; to: string; listed: number; recordedBefore: number; recordedAfter: number; coveragePercent: number }
export interface RunCounts {
  fetched: number; new: number; alreadyRecorded: number; skippedBeforeSince: number;
  perCategory: Record<string, number>; exceptionsByReason: Record<string, number>;
  ticketsCreated: number; ticketsUpdated: number; tasksCreated: number; commitmentsCreated: number; attachmentsStored: number;
  exceptions: number; classified: number;
}
export interface Run {
  runId: string; workspaceId: string; trigger: string; startedAt: string; endedAt: string | null; status: string; error: string | null;
  bootstrap: boolean; counts: RunCounts; coveragePercent: number; durationMs: number; checkpointWritten: boolean; coverage: MailboxCoverage[];
}

export interface MessageParty { name: string | null; address: string | null }
export interface MessageSummary {
  eventKey: string; subject: string; from: MessageParty; receivedAt: string; folder: string; channel: string; mailbox: string;
  preview: string; category: string; confidence: number; ticketId: string | null;
}
export interface TicketSuggestion { ticketId: string; why: string }
export interface ExceptionItem {
  id: string; workspaceId: string; eventKey: string; messageId: string; reason: string; details: string; status: string; createdAt: string; runId: string | null;
  resolution: string | null;
  /** The message the exception is about (null for a parse failure). */
  message: MessageSummary | null;
  /** The file and line of a parse failure. */
  source: { file: string | null; line: number | null } | null;
  suggestions: TicketSuggestion[];
}
export interface MessageDetail {
  message: MessageSummary;
  headers: { from: MessageParty; to: MessageParty[]; cc: MessageParty[]; sentAt: string; receivedAt: string | null; folder: string; mailbox: string;
    internetMessageId: string | null; conversationId: string | null };
  body: string; bodyTruncated: boolean; bodyWasHtml: boolean; archived: boolean;
  attachments: { id: string; name: string; contentType: string; size: number; downloadUrl: string }[];
  category: string; confidence: number; evidence: string[];
  fields: { ticketId: string; system: string; customer: string | null; priority: string | null; statusCue: string | null; urgent: boolean } | null;
  asks: { taskId: string; text: string; due: string | null; status: string }[];
  promises: { text: string; due: string | null; recipient: string | null; status: string }[];
  exceptions: { id: string; reason: string; details: string; status: string; resolution: string | null; createdAt: string }[];
  ticket: Ticket | null;
  thread: MessageSummary[];
}
export interface MessageSearchPage { items: MessageSummary[]; next: string | null }

export interface Ticket {
  workspaceId: string; ticketId: string; system: string; customer: string | null; priority: string | null; statusBucket: string;
  lastCustomerTouch: string | null; lastInternalTouch: string | null; lastActivity: string | null; riskFlags: string[]; nextAction: string | null;
  title: string | null; messageCount: number;
}
export interface EmailEvent {
  key: string; channel: string; mailbox: string | null; folder: string | null; subject: string | null; from: string | null; sentAt: string | null;
  sentByUs: boolean; category: string; confidence: number; evidence: string[]; ticketId: string | null; excerpt: string | null; attachmentIds: string[];
}
export interface TicketDetail { ticket: Ticket; thread: EmailEvent[] }

export interface WorkTask { id: string; kind: string; title: string; sourceEventKey: string | null; ticketId: string | null; due: string | null; status: string; createdAt: string }
export interface Commitment {
  key: string; sourceEventKey: string; text: string; recipient: string | null; ticketId: string | null; due: string | null; reminderAt: string | null;
  madeAt: string; status: string;
}

export interface Meeting { eventKey: string; subject: string | null; from: string | null; sentAt: string | null; mailbox: string | null; ticketId: string | null; excerpt: string | null; dismissed: boolean }
export interface ConversationMessage { eventKey: string; from: string | null; sentAt: string | null; excerpt: string | null; category: string; ticketId: string | null }
export interface Conversation { conversationId: string; participant: string | null; messageCount: number; lastMessageAt: string | null; messages: ConversationMessage[] }

export interface SourceHealth { state: string; lastSuccessAt: string | null; lastFailureAt: string | null; consecutiveFailures: number; lastError: string | null; subscriptionExpiresAt: string | null }
export interface SourceIncident { id: string; kind: string; details: string; status: string; openedAt: string }
export interface Source {
  id: string; kind: string; health: SourceHealth | null;
  folders: { folder: string; lastSuccessfulRun: string | null; lastProcessedMessageId: string | null }[];
  incidents: SourceIncident[];
}
