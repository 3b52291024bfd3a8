import { ApiError } from "./api";
import { h } from "./dom";

/** What the page shows while it loads. */
export function loadingState(what: string): HTMLElement {
  return h("p", { class: "state loading", role: "status" }, `Loading ${what}…`);
}

/** What a list shows when it has nothing in it, and what to do about that. */
export function emptyState(title: string, advice: string): HTMLElement {
  return h("div", { class: "state empty" }, h("p", { class: "state-title" }, title), h("p", {}, advice));
}

/** What the page shows when the API failed: the reason, what to do, and a retry button. */
export function errorState(error: unknown, retry: () => void): HTMLElement {
  const api = error instanceof ApiError ? error : null;
  const title = api ? api.title : "Something went wrong while showing this page.";
  const advice = api ? api.advice : "Reload the page; if it persists, report it with the time it happened.";
  return h("div", { class: "state error", role: "alert" },
    h("p", { class: "state-title" }, title),
    h("p", {}, advice),
    api?.status === 401 ? h("p", {}, h("a", { href: "/.auth/login/aad" }, "Sign in")) : null,
    h("button", { type: "button", onclick: () => retry() }, "Try again"));
}
