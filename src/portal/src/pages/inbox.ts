import { coverageChart } from "../chart";
import { h } from "../dom";
import { dateTime, duration, percent } from "../format";
import { wsPath, type Page, type PageContext } from "../page";
import { emptyState } from "../states";
import type { Run } from "../types";
import { badge, section, table } from "../widgets";

/** Inbox intelligence: coverage per mailbox and over time, the latest runs with counts per category and duration. */
export const inboxPage: Page = {
  title: "Inbox intelligence",
  heading: () => "Inbox intelligence",
  async render(context) {
    const runs = await context.api.get<Run[]>(wsPath(context, "/runs?limit=50"));
    if (runs.length === 0) {
      return emptyState("No runs yet.",
        "Nothing has been ingested into this workspace. Run an ingest (opshelm ingest, or the Functions app's timer) and reload.");
    }
    const newestFirst = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    return h("div", {},
      mailboxCoverage(context, newestFirst),
      coverageOverTime(context, newestFirst),
      latestRuns(context, newestFirst));
  },
};

function mailboxCoverage(context: PageContext, runs: Run[]): HTMLElement {
  const latest = runs[0];
  const cards = context.workspace.mailboxes.map(mailbox => {
    const reconciled = runs.flatMap(run => run.coverage.filter(c => c.mailbox.toLowerCase() === mailbox.address.toLowerCase()).map(c => ({ run, c })))[0];
    const value = reconciled ? reconciled.c.coveragePercent : latest.coveragePercent;
    const basis = reconciled
      ? `${reconciled.c.recordedAfter} of ${reconciled.c.listed} messages the provider lists between ${dateTime(reconciled.c.from, context.workspace.timeZone)} and ${dateTime(reconciled.c.to, context.workspace.timeZone)}`
      : `of what the latest run fetched (${latest.counts.fetched} items); no reconciliation against the provider's own list yet`;
    return h("li", { class: "coverage-card", "data-mailbox": mailbox.address },
      h("span", { class: "coverage-value" }, percent(value)),
      h("span", { class: "coverage-mailbox" }, mailbox.address),
      h("span", { class: "muted" }, `${mailbox.provider} · ${basis}`));
  });
  return section("Coverage per mailbox",
    cards.length ? h("ul", { class: "coverage-list" }, ...cards) : emptyState("No mailboxes configured.", "Add a mailbox to the workspace config."));
}

function coverageOverTime(context: PageContext, runs: Run[]): HTMLElement {
  const oldestFirst = [...runs].reverse();
  const charts: Node[] = [];
  const mailboxes = new Set(oldestFirst.flatMap(run => run.coverage.map(c => c.mailbox)));
  for (const mailbox of mailboxes) {
    const points = oldestFirst.flatMap(run => run.coverage.filter(c => c.mailbox === mailbox)
      .map(c => ({ label: dateTime(c.to, context.workspace.timeZone), percent: c.coveragePercent })));
    charts.push(h("figure", {}, coverageChart(points, `Coverage of ${mailbox} by reconciliation`), h("figcaption", {}, mailbox)));
  }
  const points = oldestFirst.map(run => ({ label: dateTime(run.startedAt, context.workspace.timeZone), percent: run.coveragePercent }));
  charts.push(h("figure", {}, coverageChart(points, "Coverage of each run: recorded share of fetched items"), h("figcaption", {}, "All mailboxes, per run")));
  return section("Coverage over time", ...charts);
}

function latestRuns(context: PageContext, runs: Run[]): HTMLElement {
  const tz = context.workspace.timeZone;
  const rows = runs.slice(0, 20).map(run => [
    h("a", { href: context.href(`runs/${encodeURIComponent(run.runId)}`) }, `Run ${dateTime(run.startedAt, tz)}`),
    run.trigger,
    badge(run.status, run.status === "Succeeded" ? "ok" : run.status === "Failed" ? "bad" : "warn"),
    String(run.counts.fetched),
    String(run.counts.new),
    h("span", { class: "categories" }, ...Object.entries(run.counts.perCategory).map(([category, count]) => h("span", { class: "category" }, `${category} ${count}`))),
    String(run.counts.exceptions),
    percent(run.coveragePercent),
    duration(run.durationMs),
  ]);
  return section("Latest runs",
    table(`The ${rows.length} most recent runs`, ["Run", "Trigger", "Status", "Fetched", "New", "Per category", "Exceptions", "Coverage", "Duration"], rows, "runs"));
}
