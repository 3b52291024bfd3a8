import { ApiError } from "../api";
import { h, replace, uid } from "../dom";
import { dateTime } from "../format";
import { messageText } from "../messageText";
import { wsPath, type Page, type PageContext } from "../page";
import { emptyState } from "../states";
import type { ExceptionItem } from "../types";
import { badge, select } from "../widgets";

const reasons = ["LowConfidence", "MissingTicketId", "ConflictingSignals", "ParseFailure", "ProcessingFailed", "AttachmentRejected"];
const statuses = ["Open", "Resolved", "Dismissed", "All"];

/** The exceptions queue: filter by status and reason; resolve, dismiss, or assign a ticket id. */
export const exceptionsPage: Page = {
  title: "Exceptions",
  heading: () => "Exceptions queue",
  async render(context) {
    const status = statuses.includes(context.query.get("status") ?? "") ? context.query.get("status")! : "Open";
    const reason = reasons.includes(context.query.get("reason") ?? "") ? context.query.get("reason")! : "";
    const query = new URLSearchParams();
    if (status !== "All") query.set("status", status);
    if (reason) query.set("reason", reason);
    const items = await context.api.get<ExceptionItem[]>(wsPath(context, `/exceptions${query.size ? `?${query}` : ""}`));
    const filters = h("form", { class: "filters", "aria-label": "Filter exceptions", onsubmit: (event: Event) => event.preventDefault() },
      select("exception-status", "Status", statuses.map(s => [s, s]), status, value => context.navigate("exceptions", { status: value, reason: reason || undefined })),
      select("exception-reason", "Reason", [["", "All reasons"], ...reasons.map(r => [r, r] as [string, string])], reason,
        value => context.navigate("exceptions", { status, reason: value || undefined })));
    const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return h("div", {},
      filters,
      h("p", { class: "count", "data-count": sorted.length }, `${sorted.length} ${status === "All" ? "" : status.toLowerCase() + " "}exception${sorted.length === 1 ? "" : "s"}${reason ? ` (${reason})` : ""}`),
      sorted.length === 0
        ? emptyState("Nothing here.", status === "Open"
          ? "No message is waiting for an operator. New exceptions appear after the next run."
          : "Change the filters to see other exceptions.")
        : h("ul", { class: "cards exceptions" }, ...sorted.map(item => exceptionCard(context, item))));
  },
};

function exceptionCard(context: PageContext, item: ExceptionItem): HTMLElement {
  const tz = context.workspace.timeZone;
  const event = item.event;
  const feedback = h("p", { class: "feedback", role: "alert" });
  const card = h("li", { class: "card exception", "data-exception-id": item.id, "data-reason": item.reason, "data-status": item.status },
    h("div", { class: "card-head" }, badge(item.reason, "reason"), badge(item.status, item.status === "Open" ? "warn" : "ok"),
      h("span", { class: "muted" }, `recorded ${dateTime(item.createdAt, tz)}`)),
    event?.subject ? h("h3", { class: "subject" }, event.subject) : h("h3", { class: "subject" }, `Message ${item.messageId}`),
    event?.from ? h("p", { class: "muted" }, `From ${event.from} · ${dateTime(event.sentAt, tz)}`) : null,
    event?.excerpt ? messageText(event.excerpt) : null,
    h("div", { class: "evidence" }, h("h4", {}, "Why it is here"), messageText(item.details, "details"),
      event?.evidence?.length ? h("ul", {}, ...event.evidence.map(e => h("li", {}, e))) : null),
    item.runId ? h("p", {}, h("a", { href: context.href(`runs/${encodeURIComponent(item.runId)}`) }, "The run that recorded it")) : null,
    item.status === "Open" ? actions(context, item, feedback) : null,
    feedback);
  return card;
}

function actions(context: PageContext, item: ExceptionItem, feedback: HTMLElement): HTMLElement {
  const noteId = uid("note");
  const ticketId = uid("ticket");
  const note = h("input", { id: noteId, name: "note", type: "text", maxlength: 500, autocomplete: "off" });
  const ticket = h("input", { id: ticketId, name: "ticketId", type: "text", maxlength: 64, autocomplete: "off", placeholder: "INC0012345" });
  const act = async (action: "resolve" | "dismiss" | "assign", body: unknown, done: string) => {
    replace(feedback);
    try {
      await context.api.post(wsPath(context, `/exceptions/${encodeURIComponent(item.id)}/${action}`), body);
      context.toast(done);
      context.refresh();
    } catch (error) {
      replace(feedback, error instanceof ApiError ? `${error.title} ${error.advice}` : "The action failed; try again.");
    }
  };
  const noteBody = () => (note.value.trim() ? { note: note.value.trim() } : undefined);
  return h("form", { class: "actions", "aria-label": "Triage this exception", onsubmit: (event: Event) => event.preventDefault() },
    h("div", { class: "field" }, h("label", { for: noteId }, "Note (optional)"), note),
    h("div", { class: "buttons" },
      h("button", { type: "button", class: "resolve", onclick: () => act("resolve", noteBody(), "Exception resolved.") }, "Resolve"),
      h("button", { type: "button", class: "dismiss", onclick: () => act("dismiss", noteBody(), "Exception dismissed.") }, "Dismiss")),
    h("div", { class: "field assign" }, h("label", { for: ticketId }, "Assign to ticket id"), ticket,
      h("button", {
        type: "button", class: "assign",
        onclick: () => {
          const id = ticket.value.trim();
          if (!id) {
            replace(feedback, "Type the ticket id this message belongs to, then press Assign.");
            return;
          }
          void act("assign", { ticketId: id }, `Assigned to ticket ${id}; the message was normalized again.`);
        },
      }, "Assign")));
}
