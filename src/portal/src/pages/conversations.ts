import { h } from "../dom";
import { dateTime } from "../format";
import { messageText } from "../messageText";
import { wsPath, type Page, type PageContext } from "../page";
import { emptyState } from "../states";
import type { Conversation, ConversationMessage } from "../types";
import { badge } from "../widgets";

/** WhatsApp conversations, one per participant, with their messages. */
export const conversationsPage: Page = {
  title: "WhatsApp",
  heading: () => "WhatsApp conversations",
  async render(context) {
    const conversations = await context.api.get<Conversation[]>(wsPath(context, "/conversations"));
    if (conversations.length === 0) {
      return emptyState("No WhatsApp conversations.", "Connect the workspace's WhatsApp number (see the README) and messages appear here as they arrive.");
    }
    const sorted = [...conversations].sort((a, b) => (b.lastMessageAt ?? "").localeCompare(a.lastMessageAt ?? ""));
    return h("ul", { class: "cards conversations" }, ...sorted.map((c, index) =>
      h("li", { class: "card conversation", "data-conversation-id": c.conversationId },
        h("details", { open: index < 5 },
          h("summary", {}, `${c.participant ?? c.conversationId} · ${c.messageCount} message${c.messageCount === 1 ? "" : "s"} · last ${dateTime(c.lastMessageAt, context.workspace.timeZone)}`),
          h("ol", { class: "thread" }, ...[...c.messages].sort((a, b) => (a.sentAt ?? "").localeCompare(b.sentAt ?? "")).map(m => message(context, m)))))));
  },
};

function message(context: PageContext, m: ConversationMessage): HTMLElement {
  return h("li", { class: "message", "data-key": m.eventKey },
    h("div", { class: "card-head" }, badge(m.category), h("span", { class: "muted" }, `${m.from ?? "unknown"} · ${dateTime(m.sentAt, context.workspace.timeZone)}`)),
    messageText(m.excerpt),
    m.ticketId ? h("a", { href: context.href(`tickets/${encodeURIComponent(m.ticketId)}`) }, `Ticket ${m.ticketId}`) : null);
}
