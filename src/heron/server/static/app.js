// The heron dashboard: filters, timeline chart, events table, multi-vector balance, document view.
// Routes live in the URL hash: "#/?actor=USA&type=CONSULT" (events) and "#/doc/<id>" (a document).

import { docHref, el, getJson, QUADS } from "./api.js";
import { drawBalance, drawTimeline } from "./charts.js";
import { showDocument } from "./document.js";

const PAGE_SIZE = 50;
const FILTERS = ["actor", "recipient", "type", "since", "until", "text"];
const $ = (id) => document.getElementById(id);

let offset = 0;
let lastEventsHash = "#/"; // where "back to events" returns, filters included

function currentFilters() {
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  return Object.fromEntries(FILTERS.filter((k) => params.get(k)).map((k) => [k, params.get(k)]));
}

function fillForm(filters) {
  const form = $("filters");
  for (const k of FILTERS) form.elements[k].value = filters[k] || "";
}

async function loadSummary() {
  try {
    const s = await getJson("summary");
    const range = s.first_date ? `${s.first_date} – ${s.last_date}` : "no dated events";
    $("summary").textContent = `${s.counts.documents} documents · ${s.counts.events} events · ${s.counts.stories} stories · ${range}`;
    const select = $("filters").elements.type;
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "" }, "any"),
      ...s.event_types.map((t) => el("option", { value: t.type }, `${t.type} (${t.count})`)));
    select.value = chosen;
  } catch (err) {
    $("summary").textContent = err.message;
  }
}

function highlightTrigger(evidence, trigger) {
  const i = trigger ? evidence.toLowerCase().indexOf(trigger.toLowerCase()) : -1;
  if (i < 0) return [evidence];
  return [evidence.slice(0, i), el("mark", { className: "hl-trigger" }, evidence.slice(i, i + trigger.length)),
    evidence.slice(i + trigger.length)];
}

function sideCell(names, keys) {
  // A reciprocal event (a meeting, a joint agreement) has no named recipient: each actor is the other's.
  const shown = names.join(", ") || (keys.length ? el("span", { className: "muted" }, "each other") : "—");
  return el("td", { className: "side", title: keys.join(" ") }, shown, keys.length ? el("div", { className: "codes" }, keys.join(" ")) : null);
}

function eventRow(ev) {
  const quad = QUADS[(ev.quad_class || 0) - 1];
  const place = ev.location ? ev.location.name || ev.location.text : "";
  const conf = ev.confidence === null || ev.confidence === undefined ? "" : ` · ${ev.confidence.toFixed(2)}`;
  return el("tr", {},
    el("td", { className: "nowrap" }, ev.date || ""),
    sideCell(ev.actors, ev.actor_keys),
    el("td", {}, el("span", { className: `badge q${ev.quad_class || 0}`, title: quad ? quad.label : "" }, ev.plover_type || "?"),
      el("div", { className: "codes", title: ev.cameo_name || "" }, `CAMEO ${ev.cameo_code || "?"}`)),
    sideCell(ev.recipients, ev.recipient_keys),
    el("td", { className: "evidence" }, ...highlightTrigger(ev.evidence || "", ev.trigger),
      el("div", { className: "codes" }, ev.title || ev.doc_id)),
    el("td", {}, place || ""),
    el("td", { className: "nowrap" }, `${ev.modality || ""}${conf}`),
    el("td", {}, el("a", { href: docHref(ev.doc_id), className: "doc-link" }, "document")));
}

async function loadEvents(filters) {
  const body = $("events-table").tBodies[0];
  try {
    const page = await getJson("events", { ...filters, limit: PAGE_SIZE, offset });
    body.replaceChildren(...(page.items.length ? page.items.map(eventRow)
      : [el("tr", {}, el("td", { colSpan: 8, className: "muted" }, "No events match these filters."))]));
    $("events-total").textContent = `${page.total} reports`;
    const last = Math.min(offset + page.items.length, page.total);
    $("page-info").textContent = page.total ? `${offset + 1}–${last} of ${page.total}` : "";
    $("prev").disabled = offset === 0;
    $("next").disabled = last >= page.total;
    document.body.dataset.events = String(page.total);
    $("filter-error").textContent = "";
  } catch (err) {
    $("filter-error").textContent = err.message;
    document.body.dataset.events = "error";
  }
}

async function loadTimeline(filters) {
  try {
    const timeline = await getJson("timeline", filters);
    // Very long spans read better by year than as hundreds of monthly bars.
    const data = timeline.rows.length > 1 && monthsBetween(timeline.rows) > 240
      ? await getJson("timeline", { ...filters, period: "year" }) : timeline;
    $("timeline-empty").hidden = data.rows.length > 0;
    drawTimeline($("timeline-chart"), data);
  } catch (err) {
    $("filter-error").textContent = err.message;
  }
}

function monthsBetween(rows) {
  const [a, b] = [rows[0].period, rows[rows.length - 1].period].map((p) => p.split("-").map(Number));
  return (b[0] - a[0]) * 12 + (b[1] - a[1]);
}

async function loadBalance() {
  const form = $("balance-form");
  const country = form.elements.country.value.trim().toUpperCase() || "KAZ";
  try {
    const balance = await getJson(`balance/${encodeURIComponent(country)}`, { period: form.elements.period.value });
    $("balance-error").textContent = "";
    $("balance-empty").hidden = balance.rows.length > 0;
    drawBalance($("balance-chart"), balance);
  } catch (err) {
    $("balance-error").textContent = err.message;
  }
}

function showEvents() {
  $("view-doc").hidden = true;
  $("view-main").hidden = false;
  lastEventsHash = location.hash || "#/";
  const filters = currentFilters();
  fillForm(filters);
  loadEvents(filters);
  loadTimeline(filters);
}

function route() {
  const match = location.hash.match(/^#\/doc\/(.+)$/);
  if (match) {
    $("view-main").hidden = true;
    $("view-doc").hidden = false;
    $("back").href = lastEventsHash;
    window.scrollTo(0, 0);
    showDocument(decodeURIComponent(match[1]));
  } else {
    showEvents();
  }
}

function applyFilters(event) {
  event.preventDefault();
  const form = $("filters");
  const params = new URLSearchParams();
  for (const k of FILTERS) if (form.elements[k].value.trim()) params.set(k, form.elements[k].value.trim());
  offset = 0;
  const hash = `#/?${params}`;
  if (location.hash === hash) showEvents(); else location.hash = hash;
}

function init() {
  $("filters").addEventListener("submit", applyFilters);
  $("reset").addEventListener("click", () => { offset = 0; $("filters").reset(); location.hash = "#/"; });
  $("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE_SIZE); loadEvents(currentFilters()); });
  $("next").addEventListener("click", () => { offset += PAGE_SIZE; loadEvents(currentFilters()); });
  $("balance-form").addEventListener("submit", (e) => { e.preventDefault(); loadBalance(); });
  window.addEventListener("hashchange", route);
  loadSummary();
  loadBalance();
  route();
}

init();
