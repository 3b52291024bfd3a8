import { h, visibleControls } from "./dom";

// Anything that looks like a link, whatever its scheme: http(s) links become external anchors; every other
// scheme (javascript:, data:, file:, …) stays inert text, so a message can never make the portal run or open anything else.
const candidate = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|javascript:|data:|vbscript:|mailto:)[^\s<>"'`]+/gi;

/** The http(s) URL in <paramref name="text"/>, or null when it is anything else. */
export function externalUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Message text (untrusted) as DOM: text nodes, external anchors for http(s) links, inert spans for the rest. */
export function messageText(text: string | null | undefined, className = "message-text"): HTMLElement {
  // dir=auto and unicode-bidi: isolate (styles.css): the text's direction is its own and never leaks into the page.
  const container = h("p", { class: className, dir: "auto" });
  const value = text ?? "";
  let last = 0;
  for (const match of value.matchAll(candidate)) {
    const start = match.index ?? 0;
    const raw = match[0].replace(/[).,;:!?\]]+$/, "");
    if (start > last) container.appendChild(document.createTextNode(visibleControls(value.slice(last, start))));
    const url = externalUrl(raw);
    if (url) {
      container.appendChild(h("a", {
        href: url,
        rel: "noopener noreferrer external",
        target: "_blank",
        class: "external",
        title: "Opens outside OpsHelm in a new tab",
      }, raw));
    } else {
      container.appendChild(h("span", { class: "inert-link", title: "Not a web link: shown as text only" }, raw));
    }
    last = start + raw.length;
  }
  if (last < value.length) container.appendChild(document.createTextNode(visibleControls(value.slice(last))));
  return container;
}
