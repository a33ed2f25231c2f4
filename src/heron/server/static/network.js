// The network view: states and IGOs as nodes, dyads as edges (width: reports, colour: mean Goldstein score)
// for the current filter. Click a node to filter on it, an edge to follow that relationship over time.
// Layout: d3-force (window.d3), run to rest before drawing, so the picture does not move under the reader.

import { el, getJson } from "./api.js";
import { filtersOf, updateState } from "./state.js";

const WIDTH = 960;
const HEIGHT = 620;
const TICKS = 300;
const $ = (id) => document.getElementById(id);

/** Directed dyads merged per pair of parties: one line with both directions' reports. */
function undirected(edges) {
  const pairs = new Map();
  for (const e of edges) {
    const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
    const key = `${a} ${b}`;
    const p = pairs.get(key) || { source: a, target: b, events: 0, gsum: 0, gn: 0, parts: [] };
    p.events += e.events;
    if (e.mean_goldstein !== null) { p.gsum += e.mean_goldstein * e.events; p.gn += e.events; }
    p.parts.push(`${e.source} → ${e.target}: ${e.events}${e.mean_goldstein === null ? "" : ` (mean Goldstein ${e.mean_goldstein.toFixed(1)})`}`);
    pairs.set(key, p);
  }
  return [...pairs.values()].map((p) => ({ ...p, goldstein: p.gn ? p.gsum / p.gn : null }));
}

function goldsteinColour(g) {
  if (g === null) return "#9aa5b1";
  return window.d3.interpolateRdYlGn((Math.max(-10, Math.min(10, g)) + 10) / 20);
}

function legend() {
  const stops = [-10, -5, 0, 5, 10];
  return el("span", { className: "goldstein-legend" }, "mean Goldstein ",
    ...stops.map((g) => el("span", { className: "swatch", attrs: { "data-g": String(g) } }, g > 0 ? `+${g}` : String(g))));
}

/** Frame the laid-out graph: the view box is its bounding box (labels included), at least the default size. */
function fit(svg, nodes, radius) {
  const pad = 30;
  const xs = nodes.flatMap((n) => [n.x - radius(n) - pad, n.x + radius(n) + pad]);
  const ys = nodes.flatMap((n) => [n.y - radius(n) - pad, n.y + radius(n) + pad]);
  if (!nodes.length) { svg.attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`); return; }
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = Math.max(x1 - x0, WIDTH * 0.6);
  const h = Math.max(y1 - y0, HEIGHT * 0.6, w * HEIGHT / WIDTH);
  svg.attr("viewBox", `${(x0 + x1 - w) / 2} ${(y0 + y1 - h) / 2} ${w} ${h}`);
}

export async function showNetwork(state) {
  const d3 = window.d3;
  const svg = d3.select("#network-svg");
  $("network-legend").replaceChildren(legend(), el("span", { className: "muted" },
    " · width: reports · click a country to filter on it, a line to see that dyad over time"));
  for (const s of document.querySelectorAll("#network-legend .swatch")) {
    s.style.background = goldsteinColour(Number(s.dataset.g));
    s.style.color = Math.abs(Number(s.dataset.g)) >= 8 ? "#fff" : "";
  }
  let data;
  try {
    data = await getJson("network", filtersOf(state));
  } catch (err) {
    $("network-info").textContent = err.message;
    document.body.dataset.network = "error";
    return;
  }
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = undirected(data.edges);
  const maxEdge = Math.max(1, ...links.map((l) => l.events));
  const maxNode = Math.max(1, ...nodes.map((n) => n.events));
  const radius = (n) => 5 + 16 * Math.sqrt(n.events / maxNode);
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(90).strength(0.4))
    .force("charge", d3.forceManyBody().strength(-260))
    .force("x", d3.forceX(WIDTH / 2).strength(0.06))
    .force("y", d3.forceY(HEIGHT / 2).strength(0.09))
    .force("collide", d3.forceCollide((n) => radius(n) + 14))
    .stop();
  sim.tick(TICKS);
  fit(svg, nodes, radius);
  svg.selectAll("*").remove();
  svg.append("g").attr("class", "edges").selectAll("line").data(links).join("line")
    .attr("class", "edge")
    .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y).attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y)
    .attr("stroke", (l) => goldsteinColour(l.goldstein))
    .attr("stroke-width", (l) => 1.5 + 9 * Math.sqrt(l.events / maxEdge))
    .on("click", (_, l) => updateState({ view: "dyad", a: l.source.id, b: l.target.id, month: null }))
    .append("title").text((l) => l.parts.join("\n"));
  const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", (n) => `node ${n.kind}`)
    .attr("data-id", (n) => n.id)
    .attr("transform", (n) => `translate(${n.x},${n.y})`)
    .on("click", (_, n) => updateState({ country: n.id, after: null, before: null }));
  node.append("circle").attr("r", radius);
  node.append("text").attr("dy", (n) => -radius(n) - 3).text((n) => n.id);
  node.append("title").text((n) => `${n.name || n.id} (${n.kind}): ${n.events} reports in the dyads shown\nclick to filter on ${n.id}`);
  const more = data.dyads > data.edges.length ? ` (the ${data.edges.length} largest of ${data.dyads})` : "";
  $("network-info").textContent = `${nodes.length} states and IGOs, ${data.edges.length} directed dyads${more}`;
  document.body.dataset.network = String(nodes.length);
}
