import { h, untrusted } from "../dom";
import { dateTime, words } from "../format";
import { messageText } from "../messageText";
import { messageRoute } from "../party";
import { wsPath, type Page, type PageContext } from "../page";
import type { EmailEvent, TicketDetail } from "../types";
import { badge, facts, section } from "../widgets";

/** One ticket with its thread of messages and meetings. */
export const ticketDetailPage: Page = {
  title: "Ticket",
  heading: context => `Ticket ${context.params[0] ?? ""}`,
  async render(context) {
    const detail = await context.api.get<TicketDetail>(wsPath(context, `/tickets/${encodeURIComponent(context.params[0] ?? "")}`));
    const t = detail.ticket;
    const tz = context.workspace.timeZone;
    const thread = [...detail.thread].sort((a, b) => (a.sentAt ?? "").localeCompare(b.sentAt ?? ""));
    return h("div", {},
      h("p", {}, h("a", { href: context.href("tickets") }, "← All tickets")),
      t.title ? h("p", { class: "lead" }, t.title) : null,
      section("Ticket", facts([
        ["System", t.system], ["Customer", t.customer ?? "—"], ["Priority", t.priority ?? "—"], ["Status", words(t.statusBucket)],
        ["Risk", t.riskFlags.length ? h("span", {}, ...t.riskFlags.map(f => badge(words(f), "bad"))) : "none"],
        ["Last customer touch", dateTime(t.lastCustomerTouch, tz)], ["Last internal touch", dateTime(t.lastInternalTouch, tz)],
        ["Next action", t.nextAction ?? "—"],
      ])),
      section(`Thread (${thread.length})`, thread.length === 0
        ? h("p", {}, "No message is linked to this ticket yet.")
        : h("ol", { class: "thread" }, ...thread.map(event => threadItem(context, event)))));
  },
};

function threadItem(context: PageContext, event: EmailEvent): HTMLElement {
  return h("li", { class: `message ${event.category === "Meeting" ? "meeting" : ""}`.trim(), "data-event-key": event.key },
    h("div", { class: "card-head" }, badge(event.category), event.sentByUs ? badge("Sent by us", "ok") : null,
      h("span", { class: "muted" }, untrusted(event.from ?? "unknown sender"), ` · ${dateTime(event.sentAt, context.workspace.timeZone)} · ${event.channel}`)),
    h("h3", { class: "subject" }, h("a", { href: context.href(messageRoute(event.key)), class: "open-message" }, event.subject ? untrusted(event.subject) : "(no subject)")),
    messageText(event.excerpt),
    event.attachmentIds.length ? h("p", {}, "Attachments: ", ...event.attachmentIds.map((id, index) =>
      h("a", { href: context.api.url(wsPath(context, `/attachments/${encodeURIComponent(id)}`)), download: "", class: "attachment" }, `attachment ${index + 1}`))) : null,
    event.evidence.length ? h("details", {}, h("summary", {}, "Evidence"), h("ul", {}, ...event.evidence.map(e => h("li", {}, untrusted(e))))) : null);
}
