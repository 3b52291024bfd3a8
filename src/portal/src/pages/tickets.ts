import { h } from "../dom";
import { dateTime, words } from "../format";
import { wsPath, type Page } from "../page";
import { emptyState } from "../states";
import type { Ticket } from "../types";
import { badge, checkbox, section, select, table } from "../widgets";

/** The status buckets, in the order an operator reads them. */
export const buckets = ["New", "InProgress", "WaitingOnCustomer", "WaitingOnVendor", "Blocked", "Resolved", "Closed"];

/** Tickets by status bucket, with risk flags, last customer and internal touch, and next action. */
export const ticketsPage: Page = {
  title: "Tickets",
  heading: () => "Tickets",
  async render(context) {
    const tickets = await context.api.get<Ticket[]>(wsPath(context, "/tickets"));
    const bucket = buckets.includes(context.query.get("bucket") ?? "") ? context.query.get("bucket")! : "";
    const risky = context.query.get("risk") === "1";
    const shown = tickets.filter(t => (!bucket || t.statusBucket === bucket) && (!risky || t.riskFlags.length > 0));
    const tz = context.workspace.timeZone;
    const filters = h("form", { class: "filters", "aria-label": "Filter tickets", onsubmit: (event: Event) => event.preventDefault() },
      select("ticket-bucket", "Status", [["", "All statuses"], ...buckets.map(b => [b, words(b)] as [string, string])], bucket,
        value => context.navigate("tickets", { bucket: value || undefined, risk: risky ? "1" : undefined })),
      checkbox("ticket-risk", "Only tickets at risk", risky, checked => context.navigate("tickets", { bucket: bucket || undefined, risk: checked ? "1" : undefined })));
    if (tickets.length === 0) {
      return h("div", {}, filters, emptyState("No tickets yet.", "Tickets appear when a run finds ServiceNow or ConnectWise traffic, or when an exception is assigned a ticket id."));
    }
    const groups = buckets.concat([...new Set(shown.map(t => t.statusBucket))].filter(b => !buckets.includes(b)))
      .map(b => ({ bucket: b, items: shown.filter(t => t.statusBucket === b) }))
      .filter(g => g.items.length > 0);
    return h("div", {},
      filters,
      h("p", { class: "count", "data-count": shown.length }, `${shown.length} of ${tickets.length} tickets`),
      shown.length === 0 ? emptyState("No ticket matches these filters.", "Choose another status or clear “Only tickets at risk”.") : null,
      ...groups.map(group => section(`${words(group.bucket)} (${group.items.length})`, table(`${words(group.bucket)} tickets`,
        ["Ticket", "Customer", "Priority", "Risk", "Last customer touch", "Last internal touch", "Next action", "Messages"],
        group.items.map(t => [
          h("span", { class: "ticket-cell" }, h("a", { href: context.href(`tickets/${encodeURIComponent(t.ticketId)}`), class: "ticket-id" }, t.ticketId),
            h("span", { class: "ticket-title" }, t.title ?? "")),
          t.customer ?? "—",
          t.priority ?? "—",
          t.riskFlags.length ? h("span", {}, ...t.riskFlags.map(flag => badge(words(flag), "bad"))) : "—",
          dateTime(t.lastCustomerTouch, tz),
          dateTime(t.lastInternalTouch, tz),
          t.nextAction ?? "—",
          String(t.messageCount),
        ]), "tickets"))));
  },
};
