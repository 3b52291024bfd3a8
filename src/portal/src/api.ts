/** A failed API call, with what the operator can do about it. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly title: string, readonly advice: string) {
    super(`${title} ${advice}`);
  }
}

/** The portal API client: JSON over fetch, errors turned into ApiError with advice. */
export class Api {
  constructor(readonly base: string) {}

  /** GET a JSON resource. */
  get<T>(path: string): Promise<T> {
    return this.send<T>("GET", path);
  }

  /** POST a JSON body ({} when there is nothing to say: state-changing routes take application/json only); the response body (if any) as JSON. */
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>("POST", path, body ?? {});
  }

  /** The URL of a resource (for downloads). */
  url(path: string): string {
    return this.base + path;
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        credentials: "same-origin",
        headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, `The API at ${this.base} did not answer.`,
        "Check that the OpsHelm Functions app is running (dotnet run --project src/OpsHelm.Functions) and try again.");
    }
    if (!response.ok) throw await failure(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

async function failure(response: Response): Promise<ApiError> {
  let title = "";
  try {
    const problem = (await response.json()) as { title?: unknown };
    if (typeof problem.title === "string") title = problem.title;
  } catch {
    // Not a problem document (for example a route this API does not have yet).
  }
  switch (response.status) {
    case 401:
      return new ApiError(401, title || "You are not signed in.", "Sign in and reload the page.");
    case 403:
      return new ApiError(403, title || "You may not see this.", "Ask an administrator for the workspace role.");
    case 404:
      return new ApiError(404, title || "Not found.",
        "It does not exist, you have no access to it, or this API does not offer it yet. Pick a workspace or page from the menu.");
    case 405:
      return new ApiError(405, title || "This API does not offer that action.", "Update the OpsHelm Functions app.");
    default:
      return new ApiError(response.status, title || `The API answered ${response.status}.`, "Try again; if it persists, check the Functions app's log.");
  }
}
