import { h, untrusted } from "../dom";
import { dateTime, words } from "../format";
import { messageText } from "../messageText";
import { wsPath, type Page, type PageContext } from "../page";
import { messageRoute, party } from "../party";
import type { MessageDetail, MessageParty } from "../types";
import { badge, facts, section } from "../widgets";

/** One message as text, and why OpsHelm decided what it did: category, confidence, each evidence line, fields, exceptions. */
export const messageDetailPage: Page = {
  title: "Message",
  heading: () => "Message",
  async render(context) {
    const key = context.params[0] ?? "";
    const d = await context.api.get<MessageDetail>(wsPath(context, `/messages/${encodeURIComponent(key)}`));
    const tz = context.workspace.timeZone;
    const m = d.message;
    return h("div", { class: "message-page", "data-event-key": m.eventKey },
      h("p", {}, h("a", { href: context.href("exceptions") }, "← Exceptions"), " · ",
        h("a", { href: context.href("messages", { q: m.from.address ?? undefined }) }, "More from this sender")),
      h("h2", { class: "subject" }, m.subject ? untrusted(m.subject) : "(no subject)"),
      section("Headers", facts([
        ["From", party(d.headers.from)],
        ["To", parties(d.headers.to)],
        ["Cc", parties(d.headers.cc)],
        ["Sent", dateTime(d.headers.sentAt, tz)],
        ["Received", dateTime(d.headers.receivedAt ?? m.receivedAt, tz)],
        ["Folder", untrusted(d.headers.folder || m.channel)],
        ["Mailbox", untrusted(d.headers.mailbox)],
      ])),
      why(context, d),
      section("Message", d.archived ? null : h("p", { class: "muted" }, "The message as read is not kept; this is the excerpt OpsHelm recorded."),
        d.bodyWasHtml ? h("p", { class: "muted" }, "Sent as HTML; shown as text only.") : null,
        messageText(d.body || "(no text)", "message-text body"),
        d.bodyTruncated ? h("p", { class: "muted" }, "The text is cut here (it is longer than OpsHelm shows).") : null,
        d.attachments.length ? h("div", {}, h("h3", {}, "Attachments"), h("ul", { class: "attachments" }, ...d.attachments.map(a =>
          h("li", {}, h("a", { href: context.api.url(a.downloadUrl.replace(/^\/api/, "")), download: "", class: "attachment" }, untrusted(a.name)),
            h("span", { class: "muted" }, ` ${a.contentType} · ${a.size} bytes`))))) : null),
      thread(context, d));
  },
};

function parties(list: MessageParty[]): HTMLElement | string {
  return list.length ? h("span", {}, ...list.flatMap((p, i) => [i ? ", " : null, party(p)])) : "—";
}

function why(context: PageContext, d: MessageDetail): HTMLElement {
  const tz = context.workspace.timeZone;
  const f = d.fields;
  return section("Why OpsHelm decided this",
    h("p", { class: "decision" }, badge(d.category, "category"), ` with confidence ${Math.round(d.confidence * 100)}%`),
    h("h3", {}, "Evidence"),
    d.evidence.length ? h("ol", { class: "evidence-lines" }, ...d.evidence.map(line => h("li", { class: "evidence-line" }, untrusted(line)))) : h("p", {}, "No evidence recorded."),
    h("h3", {}, "Fields it extracted"),
    f ? facts([
      ["Ticket", h("a", { href: context.href(`tickets/${encodeURIComponent(f.ticketId)}`) }, untrusted(f.ticketId))],
      ["System", f.system], ["Customer", f.customer ? untrusted(f.customer) : "—"], ["Priority", f.priority ?? "—"],
      ["Status stated", f.statusCue ? words(f.statusCue) : "—"], ["Calls it urgent", f.urgent ? "yes" : "no"],
    ]) : h("p", {}, "No ticket fields."),
    d.asks.length ? h("div", {}, h("h3", {}, "Asks"), h("ul", {}, ...d.asks.map(a => h("li", {}, untrusted(a.text), h("span", { class: "muted" }, ` · due ${dateTime(a.due, tz)} · ${a.status}`))))) : null,
    d.promises.length ? h("div", {}, h("h3", {}, "Promises"), h("ul", {}, ...d.promises.map(p => h("li", { class: "promise" }, untrusted(p.text),
      h("span", { class: "muted" }, ` · due ${dateTime(p.due, tz)} · ${p.status}`))))) : null,
    h("h3", {}, "Exceptions"),
    d.exceptions.length ? h("ul", { class: "message-exceptions" }, ...d.exceptions.map(e => h("li", { "data-exception-id": e.id },
      badge(e.reason, "reason"), badge(e.status, e.status === "Open" ? "warn" : "ok"), " ", untrusted(e.details),
      e.resolution ? h("span", { class: "muted" }, " · ", untrusted(e.resolution)) : null))) : h("p", {}, "None."));
}

function thread(context: PageContext, d: MessageDetail): HTMLElement | null {
  if (!d.ticket) return null;
  const tz = context.workspace.timeZone;
  return section(`Ticket ${d.ticket.ticketId} thread (${d.thread.length})`,
    h("p", {}, h("a", { href: context.href(`tickets/${encodeURIComponent(d.ticket.ticketId)}`) }, "Open the ticket")),
    h("ol", { class: "thread" }, ...d.thread.map(m => h("li", { class: `message${m.eventKey === d.message.eventKey ? " current" : ""}` },
      h("a", { href: context.href(messageRoute(m.eventKey)) }, m.subject ? untrusted(m.subject) : "(no subject)"),
      h("span", { class: "muted" }, " · ", party(m.from), ` · ${dateTime(m.receivedAt, tz)}`)))));
}
