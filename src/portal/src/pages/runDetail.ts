import { h } from "../dom";
import { dateTime, duration, percent } from "../format";
import { wsPath, type Page } from "../page";
import type { Run } from "../types";
import { badge, facts, section, table } from "../widgets";

/** One run: its counts per category and exceptions per reason, coverage, duration, checkpoint. */
export const runDetailPage: Page = {
  title: "Run",
  heading: context => `Run ${context.params[0] ?? ""}`,
  async render(context) {
    const run = await context.api.get<Run>(wsPath(context, `/runs/${encodeURIComponent(context.params[0] ?? "")}`));
    const tz = context.workspace.timeZone;
    const c = run.counts;
    return h("div", {},
      h("p", {}, h("a", { href: context.href("inbox") }, "← All runs")),
      section("Summary", facts([
        ["Status", badge(run.status, run.status === "Succeeded" ? "ok" : "bad")],
        ["Trigger", run.trigger + (run.bootstrap ? " (bootstrap)" : "")],
        ["Started", dateTime(run.startedAt, tz)],
        ["Ended", dateTime(run.endedAt, tz)],
        ["Duration", duration(run.durationMs)],
        ["Coverage", percent(run.coveragePercent)],
        ["Checkpoint written", run.checkpointWritten ? "yes" : "no"],
        ["Error", run.error ?? "none"],
      ])),
      section("Counts", facts([
        ["Fetched", String(c.fetched)], ["New", String(c.new)], ["Already recorded", String(c.alreadyRecorded)],
        ["Tickets created / updated", `${c.ticketsCreated} / ${c.ticketsUpdated}`], ["Tasks created", String(c.tasksCreated)],
        ["Commitments created", String(c.commitmentsCreated)], ["Attachments stored", String(c.attachmentsStored)],
      ])),
      section("Per category", table("Messages classified per category",
        ["Category", "Messages"], Object.entries(c.perCategory).map(([category, count]) => [category, String(count)]))),
      section("Exceptions", Object.keys(c.exceptionsByReason).length === 0
        ? h("p", {}, "This run recorded no exceptions.")
        : table("Exceptions recorded per reason", ["Reason", "Exceptions"], Object.entries(c.exceptionsByReason).map(([reason, count]) => [
          h("a", { href: context.href("exceptions", { status: "All", reason }) }, reason), String(count)]))),
      run.coverage.length === 0 ? null : section("Coverage per mailbox", table("Reconciliation against each mailbox's own list",
        ["Mailbox", "Window", "Listed", "Recorded before", "Recorded after", "Coverage"],
        run.coverage.map(m => [m.mailbox, `${dateTime(m.from, tz)} – ${dateTime(m.to, tz)}`, String(m.listed), String(m.recordedBefore), String(m.recordedAfter), percent(m.coveragePercent)]))));
  },
};
