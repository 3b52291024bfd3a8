// The only way this portal builds DOM: elements, attributes and text nodes. Nothing is ever parsed as HTML,
// so message content (hostile input) can only ever appear as text. Every string passes through visibleControls, so a
// bidi override or zero-width character in a subject or file name is shown as ⟨U+202E⟩ and never reorders the text.

// Bidi embeddings, overrides and isolates, marks, and zero-width characters (and the BOM): invisible, and able to make
// "passwd\u202Etxt.exe" read as "passwdexe.txt".
const controls = /[\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF]/g;

/** The text with every bidi and zero-width control replaced by a visible marker such as ⟨U+202E⟩. */
export function visibleControls(text: string): string {
  return text.replace(controls, c => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

/** Untrusted text (a subject, name, address, file name) isolated from its surroundings, its controls made visible. */
export function untrusted(text: string | null | undefined, className = "untrusted"): HTMLElement {
  return h("bdi", { class: className }, text ?? "");
}

export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href"]);

/** Creates an element; string children become text nodes; on* attributes must be functions (listeners), never strings. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) {
      if (typeof value !== "function") throw new Error(`attribute ${name} must be a listener`);
      element.addEventListener(name.slice(2), value);
      continue;
    }
    if (typeof value === "function") throw new Error(`attribute ${name} cannot be a function`);
    if (urlAttributes.has(name) && !isSafeUrl(String(value))) continue;
    element.setAttribute(name, value === true ? "" : visibleControls(String(value)));
  }
  append(element, children);
  return element;
}

/** Appends children, strings as text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(visibleControls(String(child))) : child);
  }
}

/** Replaces every child of an element. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Links the portal sets itself: in-app hash routes, same-origin paths, or http(s). */
function isSafeUrl(value: string): boolean {
  if (value.startsWith("#") || value.startsWith("/") || value.startsWith("./")) return true;
  try {
    const url = new URL(value, location.href);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

let ids = 0;
/** A unique element id for label/control pairs. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}
