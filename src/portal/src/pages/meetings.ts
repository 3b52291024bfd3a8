import { ApiError } from "../api";
import { h, replace, untrusted } from "../dom";
import { dateTime } from "../format";
import { messageText } from "../messageText";
import { messageRoute } from "../party";
import { wsPath, type Page, type PageContext } from "../page";
import { emptyState } from "../states";
import type { Meeting } from "../types";
import { badge, checkbox } from "../widgets";

/** Meetings found in mail and calendars; a dismissed meeting stays dismissed on later syncs. */
export const meetingsPage: Page = {
  title: "Meetings",
  heading: () => "Meetings",
  async render(context) {
    const meetings = await context.api.get<Meeting[]>(wsPath(context, "/meetings"));
    const showDismissed = context.query.get("dismissed") === "1";
    const shown = meetings.filter(m => showDismissed || !m.dismissed).sort((a, b) => (b.sentAt ?? "").localeCompare(a.sentAt ?? ""));
    return h("div", {},
      h("form", { class: "filters", "aria-label": "Filter meetings", onsubmit: (event: Event) => event.preventDefault() },
        checkbox("meetings-dismissed", "Show dismissed meetings", showDismissed, checked => context.navigate("meetings", { dismissed: checked ? "1" : undefined }))),
      h("p", { class: "count", "data-count": shown.length }, `${shown.length} meeting${shown.length === 1 ? "" : "s"}`),
      shown.length === 0
        ? emptyState("No meetings to show.", meetings.length ? "Every meeting is dismissed; tick “Show dismissed meetings” to see them." : "Meeting requests and calendar events appear here after the next run.")
        : h("ul", { class: "cards meetings" }, ...shown.map(m => meetingCard(context, m))));
  },
};

function meetingCard(context: PageContext, meeting: Meeting): HTMLElement {
  const feedback = h("p", { class: "feedback", role: "alert" });
  const dismiss = async () => {
    replace(feedback);
    try {
      await context.api.post(wsPath(context, `/meetings/${encodeURIComponent(meeting.eventKey)}/dismiss`));
      context.toast("Meeting dismissed.");
      context.refresh();
    } catch (error) {
      replace(feedback, error instanceof ApiError ? `${error.title} ${error.advice}` : "Dismissing failed; try again.");
    }
  };
  return h("li", { class: "card meeting", "data-key": meeting.eventKey, "data-dismissed": String(meeting.dismissed) },
    h("div", { class: "card-head" }, meeting.dismissed ? badge("Dismissed") : badge("Meeting", "ok"),
      h("span", { class: "muted" }, untrusted(meeting.from ?? "unknown organiser"), ` · ${dateTime(meeting.sentAt, context.workspace.timeZone)}`)),
    h("h3", { class: "subject" }, h("a", { href: context.href(messageRoute(meeting.eventKey)), class: "open-message" }, untrusted(meeting.subject ?? "(no subject)"))),
    messageText(meeting.excerpt),
    meeting.ticketId ? h("p", {}, h("a", { href: context.href(`tickets/${encodeURIComponent(meeting.ticketId)}`) }, `Ticket ${meeting.ticketId}`)) : null,
    meeting.dismissed ? null : h("button", { type: "button", class: "dismiss", "aria-label": `Dismiss meeting: ${meeting.subject ?? "no subject"}`, onclick: () => void dismiss() }, "Dismiss"),
    feedback);
}
