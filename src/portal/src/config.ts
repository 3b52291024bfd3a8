/** Where the portal API lives: config.json next to index.html, then ?api= for local runs, default same-origin /api. */
export async function loadApiBase(): Promise<string> {
  let base = "/api";
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (response.ok) {
      const config = (await response.json()) as { apiBase?: unknown };
      if (typeof config.apiBase === "string" && acceptable(config.apiBase)) base = config.apiBase;
    }
  } catch {
    // No config.json: the same-origin default stands.
  }
  const override = new URLSearchParams(location.search).get("api");
  if (override && acceptable(override)) base = override;
  return base.replace(/\/+$/, "");
}

// Only a same-origin path or a loopback address: a link with ?api= must not point the portal at someone else's server.
function acceptable(value: string): boolean {
  if (value.startsWith("/") && !value.startsWith("//")) return true;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}
