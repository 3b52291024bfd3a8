const svgNs = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** One point of a coverage chart. */
export interface CoveragePoint { label: string; percent: number }

/** Coverage over time as an inline SVG bar chart (0–100%), drawn here so nothing comes from a CDN. */
export function coverageChart(points: CoveragePoint[], title: string): SVGSVGElement {
  const width = 600;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const top = 10;
  const plotHeight = height - top - bottom;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart", "aria-labelledby": "chart-title chart-desc" });
  chart.appendChild(svg("title", { id: "chart-title" }, title));
  chart.appendChild(svg("desc", { id: "chart-desc" }, points.map(p => `${p.label}: ${p.percent}%`).join("; ")));
  for (const tick of [0, 50, 100]) {
    const y = top + plotHeight * (1 - tick / 100);
    chart.appendChild(svg("line", { x1: left, x2: width - 5, y1: y, y2: y, class: "grid" }));
    chart.appendChild(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", class: "axis" }, `${tick}%`));
  }
  const slot = (width - left - 10) / Math.max(points.length, 1);
  const barWidth = Math.min(40, slot * 0.7);
  points.forEach((point, index) => {
    const value = Math.max(0, Math.min(100, point.percent));
    const x = left + 5 + index * slot + (slot - barWidth) / 2;
    const barHeight = plotHeight * value / 100;
    const bar = svg("rect", { x, y: top + plotHeight - barHeight, width: barWidth, height: barHeight, class: value >= 99 ? "bar good" : value >= 90 ? "bar warn" : "bar bad" });
    bar.appendChild(svg("title", {}, `${point.label}: ${point.percent}%`));
    chart.appendChild(bar);
    if (points.length <= 12 || index % Math.ceil(points.length / 12) === 0) {
      chart.appendChild(svg("text", { x: x + barWidth / 2, y: height - 10, "text-anchor": "middle", class: "axis" }, point.label));
    }
  });
  return chart;
}
