import { h, untrusted } from "./dom";
import type { MessageParty } from "./types";

/** A sender or recipient as "Name <address>", each part isolated untrusted text. */
export function party(p: MessageParty | null | undefined): HTMLElement {
  if (!p || (!p.name && !p.address)) return h("span", { class: "party" }, "unknown sender");
  return h("span", { class: "party" },
    p.name ? untrusted(p.name, "untrusted party-name") : null,
    p.name && p.address ? " <" : null,
    p.address ? untrusted(p.address, "untrusted party-address") : null,
    p.name && p.address ? ">" : null);
}

/** The hash route of a message's page. */
export function messageRoute(eventKey: string): string {
  return `messages/${encodeURIComponent(eventKey)}`;
}
