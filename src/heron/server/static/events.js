// The events view: timeline chart, multi-vector balance, and the table of events with their evidence.
// Pages are cursors (`after` / `before` in the URL), so a page deep in a million events loads as fast as the first.

import { docHref, el, getJson, highlightTrigger, storyHref, typeBadge } from "./api.js";
import { drawBalance, drawTimeline } from "./charts.js";
import { filtersOf, updateState } from "./state.js";

const PAGE_SIZE = 50;
const $ = (id) => document.getElementById(id);

function sideCell(names, keys) {
  // A reciprocal event (a meeting, a joint agreement) has no named recipient: each actor is the other's.
  const shown = names.join(", ") || (keys.length ? el("span", { className: "muted" }, "each other") : "—");
  return el("td", { className: "side", title: keys.join(" ") }, shown, keys.length ? el("div", { className: "codes" }, keys.join(" ")) : null);
}

export function eventRow(ev) {
  const place = ev.location ? ev.location.name || ev.location.text : "";
  const conf = ev.confidence === null || ev.confidence === undefined ? "" : ` · ${ev.confidence.toFixed(2)}`;
  return el("tr", {},
    el("td", { className: "nowrap" }, ev.date || ""),
    sideCell(ev.actors, ev.actor_keys),
    el("td", {}, typeBadge(ev.plover_type, ev.quad_class),
      el("div", { className: "codes", title: ev.cameo_name || "" }, `CAMEO ${ev.cameo_code || "?"}`)),
    sideCell(ev.recipients, ev.recipient_keys),
    el("td", { className: "evidence" }, ...highlightTrigger(ev.evidence || "", ev.trigger),
      el("div", { className: "codes" }, ev.title || ev.doc_id)),
    el("td", {}, place || ""),
    el("td", { className: "nowrap" }, `${ev.modality || ""}${conf}`),
    el("td", { className: "links" }, el("a", { href: docHref(ev.doc_id), className: "doc-link" }, "document"),
      ev.story_id ? el("a", { href: storyHref(ev.story_id), className: "story-link" }, "story") : null));
}

async function loadTable(state) {
  const body = $("events-table").tBodies[0];
  try {
    const page = await getJson("events", { ...filtersOf(state), limit: PAGE_SIZE, after: state.after, before: state.before });
    body.replaceChildren(...(page.items.length ? page.items.map(eventRow)
      : [el("tr", {}, el("td", { colSpan: 8, className: "muted" }, "No events match these filters."))]));
    const n = (x) => x.toLocaleString("en");
    $("events-total").textContent = `${n(page.total)} reports`;
    const first = page.items.length ? page.offset + 1 : 0;
    $("page-info").textContent = page.total ? `${n(first)}–${n(page.offset + page.items.length)} of ${n(page.total)}` : "";
    $("prev").disabled = !page.prev;
    $("next").disabled = !page.next;
    $("prev").onclick = () => updateState({ before: page.prev, after: null });
    $("next").onclick = () => updateState({ after: page.next, before: null });
    document.body.dataset.events = String(page.total);
  } catch (err) {
    $("filter-error").textContent = err.message;
    document.body.dataset.events = "error";
  }
}

async function loadTimeline(state) {
  try {
    const filters = filtersOf(state);
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

export async function loadBalance() {
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

let balanceShown = false;

export function showEvents(state) {
  loadTable(state);
  loadTimeline(state);
  if (!balanceShown) {
    balanceShown = true;
    $("balance-form").addEventListener("submit", (e) => { e.preventDefault(); loadBalance(); });
    loadBalance();
  }
}
