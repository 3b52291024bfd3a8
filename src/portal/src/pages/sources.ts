import { h } from "../dom";
import { dateTime, words } from "../format";
import { messageText } from "../messageText";
import { wsPath, type Page, type PageContext } from "../page";
import { emptyState } from "../states";
import type { Source } from "../types";
import { badge, facts, table } from "../widgets";

/** Each mailbox and WhatsApp number: connection state, last successful sync, subscription or watch expiry, open incidents. */
export const sourcesPage: Page = {
  title: "Sources",
  heading: () => "Sources",
  async render(context) {
    const sources = await context.api.get<Source[]>(wsPath(context, "/sources"));
    if (sources.length === 0) {
      return emptyState("No sources configured.", "Add a mailbox or a WhatsApp number to the workspace config and restart the Functions app.");
    }
    return h("ul", { class: "cards sources" }, ...sources.map(s => sourceCard(context, s)));
  },
};

function sourceCard(context: PageContext, source: Source): HTMLElement {
  const tz = context.workspace.timeZone;
  const lastSync = [source.health?.lastSuccessAt, ...source.folders.map(f => f.lastSuccessfulRun)].filter((v): v is string => !!v).sort().pop() ?? null;
  const state = source.health?.state ?? (lastSync ? "Connected" : "Not synced yet");
  return h("li", { class: "card source", "data-source-id": source.id },
    h("div", { class: "card-head" }, badge(state, state === "Connected" ? "ok" : state === "Degraded" ? "warn" : "bad"), badge(source.kind)),
    h("h3", { class: "subject" }, source.id),
    facts([
      ["Last successful sync", dateTime(lastSync, tz)],
      [source.kind === "Gmail" ? "Watch expires" : "Subscription expires", dateTime(source.health?.subscriptionExpiresAt, tz)],
      ["Failures in a row", String(source.health?.consecutiveFailures ?? 0)],
      ["Last error", source.health?.lastError ? messageText(source.health.lastError, "details") : "none"],
    ]),
    source.folders.length
      ? table(`Checkpoints of ${source.id}`, ["Folder", "Last successful run"], source.folders.map(f => [f.folder, dateTime(f.lastSuccessfulRun, tz)]))
      : h("p", { class: "muted" }, "No checkpoint yet: nothing has been read from this source."),
    source.incidents.length === 0
      ? h("p", { class: "muted" }, "No open incidents.")
      : h("div", { class: "incidents" }, h("h4", {}, `Open incidents (${source.incidents.length})`),
        h("ul", {}, ...source.incidents.map(i => h("li", {}, badge(words(i.kind), "bad"), ` opened ${dateTime(i.openedAt, tz)}: `, messageText(i.details, "details"))))),
    source.health ? null : h("p", { class: "muted" }, "No provider call has been recorded for this source yet; its connection state shows after the first sync."));
}
