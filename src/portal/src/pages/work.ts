import { h, untrusted, type Child } from "../dom";
import { dateTime, dayIn } from "../format";
import { messageText } from "../messageText";
import { wsPath, type Page, type PageContext } from "../page";
import { messageRoute } from "../party";
import { emptyState } from "../states";
import type { Commitment, WorkTask } from "../types";
import { badge, section } from "../widgets";

type When = "Overdue" | "Due today" | "Upcoming" | "No due date" | "Done";
const order: When[] = ["Overdue", "Due today", "Upcoming", "No due date", "Done"];

/** Which group an item falls in, by its due date's day in the workspace's time zone. */
export function when(due: string | null, status: string, now: Date, timeZone: string): When {
  if (status !== "Open") return "Done";
  if (!due) return "No due date";
  const dueDay = dayIn(new Date(due), timeZone);
  const today = dayIn(now, timeZone);
  return dueDay < today ? "Overdue" : dueDay === today ? "Due today" : "Upcoming";
}

/** Commitments and tasks: due today, overdue, upcoming. */
export const workPage: Page = {
  title: "Commitments & tasks",
  heading: () => "Commitments and tasks",
  async render(context) {
    const [commitments, tasks] = await Promise.all([
      context.api.get<Commitment[]>(wsPath(context, "/commitments")),
      context.api.get<WorkTask[]>(wsPath(context, "/tasks")),
    ]);
    const now = new Date();
    const tz = context.workspace.timeZone;
    return h("div", {},
      h("p", { class: "muted" }, `Today is ${dayIn(now, tz)} in ${tz}.`),
      section(`Commitments (${commitments.length})`, commitments.length === 0
        ? emptyState("No commitments.", "Promises you make in sent mail (\u201cI'll send it by Friday\u201d) appear here after the next run.")
        : grouped("commitment", commitments.map(c => ({ due: c.due, status: c.status, node: commitmentItem(context, c) })), now, tz)),
      section(`Tasks (${tasks.length})`, tasks.length === 0
        ? emptyState("No tasks.", "Asks put to you, promises to keep and stale tickets appear here after the next run.")
        : grouped("task", tasks.map(t => ({ due: t.due, status: t.status, node: taskItem(context, t) })), now, tz)));
  },
};

function grouped(kind: string, items: { due: string | null; status: string; node: HTMLElement }[], now: Date, tz: string): HTMLElement {
  const byGroup = new Map<When, { due: string | null; node: HTMLElement }[]>();
  for (const item of items) {
    const group = when(item.due, item.status, now, tz);
    byGroup.set(group, [...(byGroup.get(group) ?? []), item]);
  }
  return h("div", { class: "groups" }, ...order.filter(g => byGroup.has(g)).map(group =>
    h("div", { class: "group", "data-group": group },
      h("h3", {}, `${group} (${byGroup.get(group)!.length})`),
      h("ul", { class: `cards ${kind}s` }, ...byGroup.get(group)!.sort((a, b) => (a.due ?? "~").localeCompare(b.due ?? "~")).map(i => i.node)))));
}

function ticketLink(context: PageContext, ticketId: string | null): Child {
  return ticketId ? h("a", { href: context.href(`tickets/${encodeURIComponent(ticketId)}`) }, `Ticket ${ticketId}`) : null;
}

function messageLink(context: PageContext, eventKey: string | null): Child {
  return eventKey ? h("a", { href: context.href(messageRoute(eventKey)), class: "open-message" }, "The message") : null;
}

function commitmentItem(context: PageContext, c: Commitment): HTMLElement {
  const tz = context.workspace.timeZone;
  return h("li", { class: "card commitment", "data-key": c.key },
    messageText(c.text),
    h("p", { class: "muted" }, "To ", untrusted(c.recipient ?? "—"), ` · promised ${dateTime(c.madeAt, tz)} · due ${dateTime(c.due, tz)}`,
      c.reminderAt ? ` · reminder ${dateTime(c.reminderAt, tz)}` : ""),
    h("p", { class: "links" }, ticketLink(context, c.ticketId), c.ticketId ? " · " : null, messageLink(context, c.sourceEventKey)));
}

function taskItem(context: PageContext, t: WorkTask): HTMLElement {
  return h("li", { class: "card task", "data-id": t.id },
    h("div", { class: "card-head" }, badge(t.kind), h("span", { class: "muted" }, `due ${dateTime(t.due, context.workspace.timeZone)}`)),
    messageText(t.title),
    h("p", { class: "links" }, ticketLink(context, t.ticketId), t.ticketId && t.sourceEventKey ? " · " : null, messageLink(context, t.sourceEventKey)));
}
