import { Api, ApiError } from "./api";
import { loadApiBase } from "./config";
import { h, replace } from "./dom";
import type { Page, PageContext } from "./page";
import { conversationsPage } from "./pages/conversations";
import { exceptionsPage } from "./pages/exceptions";
import { inboxPage } from "./pages/inbox";
import { meetingsPage } from "./pages/meetings";
import { messageDetailPage } from "./pages/messageDetail";
import { messagesPage } from "./pages/messages";
import { runDetailPage } from "./pages/runDetail";
import { sourcesPage } from "./pages/sources";
import { ticketDetailPage } from "./pages/ticketDetail";
import { ticketsPage } from "./pages/tickets";
import { workPage } from "./pages/work";
import { emptyState, errorState, loadingState } from "./states";
import type { Workspace, WorkspaceList } from "./types";

// The menu, in order: route name → page. Detail pages hang off their list's route (runs/{id} under inbox's menu entry).
const menu: [string, Page][] = [
  ["inbox", inboxPage], ["exceptions", exceptionsPage], ["tickets", ticketsPage], ["work", workPage],
  ["meetings", meetingsPage], ["conversations", conversationsPage], ["sources", sourcesPage],
];

interface Route { workspaceId: string; page: string; params: string[]; query: URLSearchParams }

function parseRoute(): Route {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?", 2);
  const [workspaceId = "", page = "", ...params] = (path ?? "").split("/").filter(Boolean).map(decodeURIComponent);
  return { workspaceId, page, params, query: new URLSearchParams(query ?? "") };
}

function hashFor(workspaceId: string, page: string, query?: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) search.set(key, value);
  const q = search.toString();
  return `#/${encodeURIComponent(workspaceId)}/${page}${q ? `?${q}` : ""}`;
}

function pageFor(route: Route): Page | null {
  if (route.page === "runs" && route.params.length === 1) return runDetailPage;
  if (route.page === "tickets" && route.params.length === 1) return ticketDetailPage;
  if (route.page === "messages") return route.params.length === 1 ? messageDetailPage : route.params.length === 0 ? messagesPage : null;
  return menu.find(([name]) => name === route.page && route.params.length === 0)?.[1] ?? null;
}

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("nav") as HTMLElement;
const switcher = document.getElementById("workspace") as HTMLSelectElement;
const toastRegion = document.getElementById("toast") as HTMLElement;
const searchBox = document.getElementById("search-q") as HTMLInputElement;
let renderCount = 0;

function show(state: "loading" | "ready" | "error" | "empty", ...content: Node[]): void {
  main.dataset.state = state;
  replace(main, ...content);
}

function toast(message: string): void {
  replace(toastRegion, message);
  window.setTimeout(() => { if (toastRegion.textContent === message) replace(toastRegion); }, 5000);
}

function renderNav(workspaceId: string, current: string): void {
  replace(nav, h("ul", {}, ...menu.map(([name, page]) => h("li", {},
    h("a", { href: hashFor(workspaceId, name), "aria-current": name === current || (name === "inbox" && current === "runs") ? "page" : null }, page.title)))));
}

async function render(api: Api, workspaces: Workspace[]): Promise<void> {
  const route = parseRoute();
  const fallback = workspaces[0];
  if (!route.workspaceId || !route.page) {
    location.replace(hashFor(route.workspaceId || fallback.id, "inbox"));
    return;
  }
  const workspace = workspaces.find(w => w.id === route.workspaceId);
  switcher.value = workspace?.id ?? "";
  if (route.page === "messages" && route.params.length === 0) searchBox.value = route.query.get("q") ?? "";
  renderNav(workspace?.id ?? fallback.id, route.page);
  if (!workspace) {
    document.title = "No such workspace · OpsHelm";
    show("error", h("h1", {}, "No such workspace"), errorState(new ApiError(404, `You have no workspace "${route.workspaceId}".`,
      "Pick one of your workspaces from the Workspace menu above."), () => void render(api, workspaces)));
    return;
  }
  const page = pageFor(route);
  if (!page) {
    document.title = "Page not found · OpsHelm";
    show("error", h("h1", {}, "Page not found"), emptyState("This address does not name a page.", "Choose a page from the menu."));
    return;
  }
  const count = ++renderCount;
  const context: PageContext = {
    api, workspace, params: route.params, query: route.query,
    href: (name, query) => hashFor(workspace.id, name, query),
    navigate: (name, query) => { location.hash = hashFor(workspace.id, name, query); },
    refresh: () => void render(api, workspaces),
    toast,
  };
  const heading = page.heading(context);
  document.title = `${heading} · ${workspace.name} · OpsHelm`;
  show("loading", h("h1", {}, heading), loadingState(page.title.toLowerCase()));
  try {
    const content = await page.render(context);
    if (count !== renderCount) return;
    show("ready", h("h1", {}, heading), content);
  } catch (error) {
    if (count !== renderCount) return;
    show("error", h("h1", {}, heading), errorState(error, () => void render(api, workspaces)));
  }
}

async function start(): Promise<void> {
  const api = new Api(await loadApiBase());
  let list: WorkspaceList;
  try {
    list = await api.get<WorkspaceList>("/workspaces");
  } catch (error) {
    replace(switcher, h("option", { value: "" }, "No workspace"));
    show("error", h("h1", {}, "OpsHelm"), errorState(error, () => location.reload()));
    return;
  }
  if (list.workspaces.length === 0) {
    replace(switcher, h("option", { value: "" }, "No workspace"));
    show("empty", h("h1", {}, "OpsHelm"), emptyState(`Signed in as ${list.user}, with no workspace.`,
      "Ask an administrator to give your account a workspace role (workspace:<id>), then sign in again."));
    return;
  }
  replace(switcher, ...list.workspaces.map(w => h("option", { value: w.id }, w.name)));
  switcher.disabled = list.workspaces.length < 2;
  switcher.addEventListener("change", () => {
    const page = parseRoute().page;
    location.hash = hashFor(switcher.value, menu.some(([name]) => name === page) ? page : "inbox");
  });
  window.addEventListener("hashchange", () => void render(api, list.workspaces));
  (document.getElementById("search") as HTMLFormElement).addEventListener("submit", event => {
    event.preventDefault();
    const q = searchBox.value.trim();
    if (q) location.hash = hashFor(parseRoute().workspaceId || list.workspaces[0].id, "messages", { q });
  });
  await render(api, list.workspaces);
}

void start();
