// The map view: events placed by their location, clustered, coloured by quad class, filtered like the table.
// Basemap: Natural Earth 1:110m countries from the vendored world-atlas TopoJSON, drawn with d3-geo
// (window.d3, window.topojson); no tiles, nothing fetched from outside.

import { dominantQuad, el, getJson, QUADS } from "./api.js";
import { filtersOf, getState, updateState } from "./state.js";

const WIDTH = 960;
const HEIGHT = 500;
const BASE_CELL = 6; // degrees per cluster cell at zoom 1; halves each time the zoom doubles
const $ = (id) => document.getElementById(id);

let svg = null;
let layer = null;
let zoom = null;
let projection = null;
let transform = null;
let lastKey = "";

async function basemap() {
  const world = await fetch("/static/vendor/world-atlas/countries-110m.json").then((r) => r.json());
  const d3 = window.d3;
  projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  svg = d3.select("#map-svg").attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  layer = svg.append("g");
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  layer.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
  const countries = window.topojson.feature(world, world.objects.countries);
  layer.append("g").selectAll("path").data(countries.features).join("path").attr("class", "land").attr("d", path)
    .append("title").text((f) => f.properties.name);
  layer.append("path").attr("class", "borders")
    .attr("d", path(window.topojson.mesh(world, world.objects.countries, (a, b) => a !== b)));
  layer.append("g").attr("class", "clusters");
  zoom = d3.zoom().scaleExtent([1, 64]).translateExtent([[0, 0], [WIDTH, HEIGHT]])
    .on("zoom", (event) => { transform = event.transform; layer.attr("transform", transform); scaleMarkers(); })
    .on("end", (event) => {
      if (!event.sourceEvent) return;
      const t = event.transform;
      updateState({ mapz: `${t.k.toFixed(2)},${t.x.toFixed(0)},${t.y.toFixed(0)}` }, { replace: true });
    });
  svg.call(zoom);
}

function cellFor(k) {
  return BASE_CELL / 2 ** Math.floor(Math.log2(Math.max(1, k)));
}

function scaleMarkers() {
  const k = transform ? transform.k : 1;
  layer.selectAll("circle.marker").attr("r", (d) => d.radius / Math.sqrt(k)).attr("stroke-width", 1 / k);
  const key = String(cellFor(k));
  if (key !== lastKey.split("|")[1]) drawClusters(getState());
}

function tooltip(c) {
  const quads = QUADS.map((q) => `${q.label}: ${c[q.key]}`).join("\n");
  const where = c.places > 1 ? `${c.place} and ${c.places - 1} more places` : c.place || "unnamed place";
  const g = c.mean_goldstein === null ? "" : `\nmean Goldstein ${c.mean_goldstein.toFixed(1)}`;
  return `${where}: ${c.events} events\n${quads}${g}\n${c.places > 1 ? "click to zoom in" : "click for these events"}`;
}

function onCluster(c) {
  if (c.places > 1) {
    const [s, w, n, e] = c.bounds;
    const [[x0, y0], [x1, y1]] = [projection([w, n]), projection([e, s])];
    const k = Math.min(64, 0.6 / Math.max((x1 - x0) / WIDTH, (y1 - y0) / HEIGHT, 1 / 64));
    const t = window.d3.zoomIdentity.translate(WIDTH / 2, HEIGHT / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    svg.call(zoom.transform, t);
    updateState({ mapz: `${t.k.toFixed(2)},${t.x.toFixed(0)},${t.y.toFixed(0)}` }, { replace: true });
  } else if (c.place) {
    updateState({ view: "events", place: c.place, after: null, before: null, mapz: null });
  }
}

async function drawClusters(state) {
  const k = transform ? transform.k : 1;
  const cell = cellFor(k);
  const filters = filtersOf(state);
  const key = `${JSON.stringify(filters)}|${cell}`;
  if (key === lastKey) return;
  lastKey = key;
  try {
    const data = await getJson("map", { ...filters, cell });
    if (key !== lastKey) return; // a newer request superseded this one
    const max = Math.max(1, ...data.clusters.map((c) => c.events));
    for (const c of data.clusters) c.radius = 3 + 17 * Math.sqrt(c.events / max);
    window.d3.select("#map-svg g.clusters").selectAll("circle.marker")
      .data(data.clusters, (c) => `${c.lat},${c.lon}`)
      .join("circle")
      .attr("class", "marker")
      .attr("cx", (c) => projection([c.lon, c.lat])[0])
      .attr("cy", (c) => projection([c.lon, c.lat])[1])
      .attr("fill", (c) => (QUADS[dominantQuad(c)] || { color: "#8a96a3" }).color)
      .attr("data-events", (c) => c.events)
      .attr("data-place", (c) => c.place || "")
      .on("click", (_, c) => onCluster(c))
      .order()
      .selectAll("title").data((c) => [c]).join("title").text(tooltip);
    scaleMarkersOnly();
    const n = (x) => x.toLocaleString("en");
    $("map-info").textContent = `${n(data.located)} events on the map in ${n(data.clusters.length)} clusters`
      + (data.unlocated ? ` · ${n(data.unlocated)} without a place` : "");
    document.body.dataset.map = String(data.clusters.length);
  } catch (err) {
    $("map-info").textContent = err.message;
    document.body.dataset.map = "error";
  }
}

function scaleMarkersOnly() {
  const k = transform ? transform.k : 1;
  layer.selectAll("circle.marker").attr("r", (d) => d.radius / Math.sqrt(k)).attr("stroke-width", 1 / k);
}

function restoreZoom(state) {
  const parts = (state.mapz || "").split(",").map(Number);
  const t = parts.length === 3 && parts.every(Number.isFinite)
    ? window.d3.zoomIdentity.translate(parts[1], parts[2]).scale(parts[0]) : window.d3.zoomIdentity;
  if (!transform || t.k !== transform.k || t.x !== transform.x || t.y !== transform.y) svg.call(zoom.transform, t);
}

export async function showMap(state) {
  if (!svg) {
    $("map-legend").replaceChildren(...QUADS.map((q, i) => el("span", {}, el("i", { className: `dot q${i + 1}` }), q.label)));
    await basemap();
  }
  restoreZoom(state);
  await drawClusters(state);
}
