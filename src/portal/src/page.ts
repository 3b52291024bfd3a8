import type { Api } from "./api";
import type { Workspace } from "./types";

/** What a page gets to render itself. */
export interface PageContext {
  api: Api;
  workspace: Workspace;
  /** Path segments after the page name (e.g. a run or ticket id). */
  params: string[];
  /** The query part of the hash route (filters, deep-linkable). */
  query: URLSearchParams;
  /** A hash link to a page of this workspace. */
  href(page: string, query?: Record<string, string | undefined>): string;
  /** Goes to a page of this workspace. */
  navigate(page: string, query?: Record<string, string | undefined>): void;
  /** Renders the current page again (after an action). */
  refresh(): void;
  /** Announces something briefly (polite live region). */
  toast(message: string): void;
}

/** One page of the portal. */
export interface Page {
  /** Its name in the menu. */
  title: string;
  /** The heading for the current route. */
  heading(context: PageContext): string;
  /** Loads its data and builds its content; throws ApiError when the API fails. */
  render(context: PageContext): Promise<Node>;
}

/** Workspace API path. */
export function wsPath(context: PageContext, path: string): string {
  return `/workspaces/${encodeURIComponent(context.workspace.id)}${path}`;
}
