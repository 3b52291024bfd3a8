import { ApiError } from "../api";
import { h, replace, uid, untrusted } from "../dom";
import { dateTime } from "../format";
import { messageText } from "../messageText";
import { wsPath, type Page, type PageContext } from "../page";
import { messageRoute, party } from "../party";
import { emptyState } from "../states";
import type { ExceptionItem } from "../types";
import { badge, select } from "../widgets";

const reasons = ["LowConfidence", "MissingTicketId", "ConflictingSignals", "ParseFailure", "ProcessingFailed", "AttachmentRejected"];
const statuses = ["Open", "Resolved", "Dismissed", "All"];

type Action = "resolve" | "dismiss" | "assign";

/** One card of the queue and what the keyboard can do with it. */
interface QueueCard { element: HTMLElement; item: ExceptionItem; act?: (action: Action) => void; ticket?: HTMLInputElement; selected?: HTMLInputElement }

// The queue on screen, for the one keyboard listener (installed once; it does nothing when the queue is not on the page).
let queue: { cards: QueueCard[]; current: number; help: HTMLElement; root: HTMLElement } | null = null;
let listening = false;

/** The exceptions queue: each card shows the message first, then why it is here; keyboard triage and bulk dismiss. */
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
    const cards = sorted.map(item => exceptionCard(context, item));
    const help = keyboardHelp();
    const root = h("div", { class: "queue" },
      filters,
      h("p", { class: "count", "data-count": sorted.length }, `${sorted.length} ${status === "All" ? "" : status.toLowerCase() + " "}exception${sorted.length === 1 ? "" : "s"}${reason ? ` (${reason})` : ""}`),
      sorted.length === 0
        ? emptyState("Nothing here.", status === "Open"
          ? "No message is waiting for an operator. New exceptions appear after the next run."
          : "Change the filters to see other exceptions.")
        : h("div", {},
          cards.some(c => c.selected) ? bulkBar(context, cards) : null,
          h("p", { class: "muted keys-hint" }, "Keyboard: j/k move, r resolve, d dismiss, a assign, x select, ? all keys."),
          h("ul", { class: "cards exceptions" }, ...cards.map(c => c.element))),
      help);
    queue = { cards, current: -1, help, root };
    if (!listening) {
      document.addEventListener("keydown", onKey);
      listening = true;
    }
    return root;
  },
};

function exceptionCard(context: PageContext, item: ExceptionItem): QueueCard {
  const tz = context.workspace.timeZone;
  const message = item.message;
  const feedback = h("p", { class: "feedback", role: "alert" });
  const card: QueueCard = { element: h("li"), item };
  const selectId = uid("select");
  const selected = item.status === "Open" ? h("input", { type: "checkbox", id: selectId, class: "select", "aria-label": "Select for bulk dismiss" }) : null;
  const source = item.source;
  const headline = message
    ? h("h3", { class: "subject" }, message.subject ? untrusted(message.subject) : "(no subject)")
    : h("h3", { class: "subject source" }, source?.line
      ? `Unreadable line ${source.line}${source.file ? " of " : ""}`
      : `Unreadable item ${item.messageId}`, source?.file ? untrusted(source.file) : null);
  const actionForm = item.status === "Open" ? actions(context, item, feedback, card) : null;
  card.element = h("li", {
    class: "card exception", tabindex: -1, "data-exception-id": item.id, "data-reason": item.reason, "data-status": item.status,
    "aria-label": `${item.reason} exception${message?.subject ? `: ${message.subject}` : ""}`,
  },
    h("div", { class: "card-head" }, selected, badge(item.reason, "reason"), badge(item.status, item.status === "Open" ? "warn" : "ok"),
      message ? badge(`${message.category} ${Math.round(message.confidence * 100)}%`) : null),
    headline,
    message
      ? h("p", { class: "sender muted" }, "From ", party(message.from), ` · received ${dateTime(message.receivedAt, tz)} · `,
        untrusted(message.folder || message.channel, "untrusted folder"))
      : h("p", { class: "sender muted" }, `Read by run ${item.runId ?? "—"} · recorded ${dateTime(item.createdAt, tz)}`),
    message ? messageText(message.preview || "(no text)", "message-text preview") : null,
    h("div", { class: "evidence" }, h("h4", {}, "Why it is here"), messageText(item.details, "details")),
    h("p", { class: "links" },
      message ? h("a", { href: context.href(messageRoute(item.eventKey)), class: "open-message" }, "Open the message and its evidence") : null,
      message && item.runId ? " · " : null,
      item.runId ? h("a", { href: context.href(`runs/${encodeURIComponent(item.runId)}`) }, "The run that recorded it") : null),
    item.resolution ? h("p", { class: "muted" }, "Decided: ", untrusted(item.resolution)) : null,
    actionForm,
    feedback);
  if (selected) card.selected = selected;
  return card;
}

function actions(context: PageContext, item: ExceptionItem, feedback: HTMLElement, card: QueueCard): HTMLElement {
  const noteId = uid("note");
  const ticketId = uid("ticket");
  const listId = uid("suggest");
  const note = h("input", { id: noteId, name: "note", type: "text", maxlength: 500, autocomplete: "off" });
  const ticket = h("input", { id: ticketId, name: "ticketId", type: "text", maxlength: 64, autocomplete: "off", placeholder: item.suggestions[0]?.ticketId ?? "INC0012345", list: listId });
  const act = async (action: Action, body: unknown, done: string) => {
    replace(feedback);
    try {
      await context.api.post(wsPath(context, `/exceptions/${encodeURIComponent(item.id)}/${action}`), body);
      context.toast(done);
      context.refresh();
    } catch (error) {
      replace(feedback, error instanceof ApiError ? `${error.title} ${error.advice}` : "The action failed; try again.");
    }
  };
  const noteBody = () => (note.value.trim() ? { note: note.value.trim() } : {});
  const assign = () => {
    const id = ticket.value.trim();
    if (!id) {
      replace(feedback, "Type the ticket id this message belongs to (or pick a suggestion), then press Assign.");
      ticket.focus();
      return;
    }
    void act("assign", { ticketId: id, ...noteBody() }, `Assigned to ticket ${id}; the message was normalized again.`);
  };
  // Enter in the ticket field assigns (the form has two fields and no submit button, so it would not submit by itself).
  ticket.addEventListener("keydown", event => {
    if (event.key === "Enter") {
      event.preventDefault();
      assign();
    }
  });
  card.ticket = ticket;
  card.act = action => {
    if (action === "resolve") void act("resolve", noteBody(), "Exception resolved.");
    else if (action === "dismiss") void act("dismiss", noteBody(), "Exception dismissed.");
    else assign();
  };
  const suggestions = item.suggestions.length
    ? h("ul", { class: "suggestions", "aria-label": "Suggested tickets" }, ...item.suggestions.map(s =>
      h("li", {}, h("button", { type: "button", class: "suggestion", "data-ticket-id": s.ticketId, onclick: () => { ticket.value = s.ticketId; ticket.focus(); } },
        untrusted(s.ticketId, "untrusted ticket-id")), " ", h("span", { class: "muted why" }, untrusted(s.why)))))
    : null;
  return h("form", { class: "actions", "aria-label": "Triage this exception", onsubmit: (event: Event) => { event.preventDefault(); assign(); } },
    h("div", { class: "field" }, h("label", { for: noteId }, "Note (optional)"), note),
    h("div", { class: "buttons" },
      h("button", { type: "button", class: "resolve", onclick: () => card.act!("resolve") }, "Resolve"),
      h("button", { type: "button", class: "dismiss", onclick: () => card.act!("dismiss") }, "Dismiss")),
    h("div", { class: "field assign" }, h("label", { for: ticketId }, "Assign to ticket id"), ticket,
      h("datalist", { id: listId }, ...item.suggestions.map(s => h("option", { value: s.ticketId }, s.why))),
      suggestions,
      h("button", { type: "button", class: "assign", onclick: assign }, "Assign")));
}

function bulkBar(context: PageContext, cards: QueueCard[]): HTMLElement {
  const feedback = h("p", { class: "feedback", role: "alert" });
  const dismiss = async () => {
    const chosen = cards.filter(c => c.selected?.checked);
    if (chosen.length === 0) {
      replace(feedback, "Select exceptions first (the box on each card, or x on the keyboard).");
      return;
    }
    if (!window.confirm(`Dismiss ${chosen.length} exception${chosen.length === 1 ? "" : "s"}? This cannot be undone from the portal.`)) return;
    replace(feedback);
    let failed = 0;
    for (const card of chosen) {
      try {
        await context.api.post(wsPath(context, `/exceptions/${encodeURIComponent(card.item.id)}/dismiss`), { note: "bulk dismiss" });
      } catch {
        failed++;
      }
    }
    context.toast(failed ? `${chosen.length - failed} dismissed, ${failed} failed.` : `${chosen.length} exception${chosen.length === 1 ? "" : "s"} dismissed.`);
    context.refresh();
  };
  return h("div", { class: "bulk" },
    h("button", { type: "button", class: "select-all", onclick: () => cards.forEach(c => { if (c.selected) c.selected.checked = true; }) }, "Select all"),
    h("button", { type: "button", class: "bulk-dismiss dismiss", onclick: () => void dismiss() }, "Dismiss selected"),
    feedback);
}

function keyboardHelp(): HTMLElement {
  const keys: [string, string][] = [
    ["j / k", "next / previous exception"], ["r", "resolve"], ["d", "dismiss"], ["a", "assign: type or pick the ticket id, Enter"],
    ["x", "select for bulk dismiss"], ["o", "open the message"], ["?", "show or hide this help"], ["Esc", "close this help"],
  ];
  return h("div", { class: "keyboard-help panel", role: "dialog", "aria-label": "Keyboard shortcuts", hidden: true },
    h("h2", {}, "Keyboard shortcuts"),
    h("dl", { class: "facts" }, ...keys.flatMap(([key, what]) => [h("dt", {}, h("kbd", {}, key)), h("dd", {}, what)])));
}

function onKey(event: KeyboardEvent): void {
  if (!queue || !queue.root.isConnected || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) return;
  const { cards, help } = queue;
  const move = (to: number) => {
    if (cards.length === 0) return;
    queue!.current = Math.max(0, Math.min(cards.length - 1, to));
    cards.forEach((c, i) => c.element.classList.toggle("current", i === queue!.current));
    cards[queue!.current].element.focus();
  };
  const current = queue.current >= 0 ? cards[queue.current] : undefined;
  switch (event.key) {
    case "j": move(queue.current + 1); break;
    case "k": move(queue.current < 0 ? 0 : queue.current - 1); break;
    case "?": help.hidden = !help.hidden; break;
    case "Escape": help.hidden = true; break;
    case "r": current?.act?.("resolve"); break;
    case "d": current?.act?.("dismiss"); break;
    case "a": current?.ticket?.focus(); break;
    case "x": if (current?.selected) current.selected.checked = !current.selected.checked; break;
    case "o": current?.element.querySelector<HTMLAnchorElement>("a.open-message")?.click(); break;
    default: return;
  }
  event.preventDefault();
}
