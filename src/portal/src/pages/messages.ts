import { ApiError } from "../api";
import { h, replace, untrusted } from "../dom";
import { dateTime } from "../format";
import { messageText } from "../messageText";
import { wsPath, type Page, type PageContext } from "../page";
import { messageRoute, party } from "../party";
import { emptyState } from "../states";
import type { MessageSearchPage, MessageSummary } from "../types";

/** The message search (the header's search box): subject, sender address or ticket id, newest first, more by cursor. */
export const messagesPage: Page = {
  title: "Messages",
  heading: context => (context.query.get("q") ? `Messages matching “${context.query.get("q")}”` : "Messages"),
  async render(context) {
    const params = new URLSearchParams();
    for (const name of ["q", "from", "ticket", "category", "since"]) {
      const value = context.query.get(name);
      if (value) params.set(name, value);
    }
    params.set("limit", "25");
    const first = await context.api.get<MessageSearchPage>(wsPath(context, `/messages?${params}`));
    if (first.items.length === 0) return emptyState("No message matches.", "Search by words of the subject, the sender's address, or a ticket id.");
    const list = h("ol", { class: "cards messages" }, ...first.items.map(m => messageItem(context, m)));
    const more = h("div", { class: "more" });
    const showMore = (next: string | null) => {
      replace(more, next ? h("button", {
        type: "button", class: "more-button",
        onclick: async () => {
          try {
            const page = await context.api.get<MessageSearchPage>(wsPath(context, `/messages?${params}&cursor=${encodeURIComponent(next)}`));
            list.append(...page.items.map(m => messageItem(context, m)));
            showMore(page.next);
          } catch (error) {
            replace(more, error instanceof ApiError ? `${error.title} ${error.advice}` : "Loading more failed; try again.");
          }
        },
      }, "More messages") : null);
    };
    showMore(first.next);
    return h("div", {}, list, more);
  },
};

function messageItem(context: PageContext, m: MessageSummary): HTMLElement {
  return h("li", { class: "card message-result", "data-event-key": m.eventKey },
    h("h3", { class: "subject" }, h("a", { href: context.href(messageRoute(m.eventKey)) }, m.subject ? untrusted(m.subject) : "(no subject)")),
    h("p", { class: "sender muted" }, "From ", party(m.from), ` · ${dateTime(m.receivedAt, context.workspace.timeZone)} · ${m.category}`,
      m.ticketId ? " · ticket " : null, m.ticketId ? untrusted(m.ticketId, "untrusted ticket-id") : null),
    messageText(m.preview || "(no text)", "message-text preview"));
}
