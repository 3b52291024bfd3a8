import { h, type Child } from "./dom";

/** A table with a caption, wrapped so that a narrow screen scrolls the table, not the page. */
export function table(caption: string, headers: string[], rows: Child[][], className = ""): HTMLElement {
  return h("div", { class: "table-wrap" },
    h("table", { class: className },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, ...headers.map(header => h("th", { scope: "col" }, header)))),
      h("tbody", {}, ...rows.map(cells => h("tr", {}, ...cells.map(cell => h("td", {}, cell)))))));
}

/** A small coloured label, such as a status or a risk flag. */
export function badge(text: string, kind = ""): HTMLElement {
  return h("span", { class: `badge ${kind}`.trim() }, text);
}

/** A section with a heading. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "panel" }, h("h2", {}, title), ...children);
}

/** A definition list of label/value pairs. */
export function facts(pairs: [string, Child][]): HTMLElement {
  return h("dl", { class: "facts" }, ...pairs.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value)]));
}

/** A labelled select whose value is one of <paramref name="options"/>. */
export function select(id: string, label: string, options: [string, string][], value: string, onchange: (value: string) => void): HTMLElement {
  const control = h("select", { id, name: id, onchange: (event: Event) => onchange((event.target as HTMLSelectElement).value) },
    ...options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === value }, text)));
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

/** A labelled checkbox. */
export function checkbox(id: string, label: string, checked: boolean, onchange: (checked: boolean) => void): HTMLElement {
  return h("div", { class: "field check" },
    h("input", { type: "checkbox", id, name: id, checked, onchange: (event: Event) => onchange((event.target as HTMLInputElement).checked) }),
    h("label", { for: id }, label));
}
