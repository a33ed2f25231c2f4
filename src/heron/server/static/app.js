// The heron dashboard: views (events, map, network, dyad series, code a text, document, story) chosen by the
// URL query string (see state.js), one shared filter form, downloads of the current filter.

import { apiUrl, el, getJson } from "./api.js";
import { initCode } from "./code.js";
import { showDocument } from "./document.js";
import { initDyad, showDyad } from "./dyad.js";
import { showEvents } from "./events.js";
import { showMap } from "./map.js";
import { showNetwork } from "./network.js";
import { FILTERS, filtersOf, getState, onStateChange, setState, stateUrl, updateState, upgradeHashLink, VIEWS } from "./state.js";
import { showStory } from "./story.js";

const FILTERED = ["events", "map", "network"]; // the views the filter form applies to
const TABS = [["events", "Events"], ["map", "Map"], ["network", "Network"], ["dyad", "Dyads"], ["code", "Code a text"]];
const $ = (id) => document.getElementById(id);

let shownView = null;
let lastListUrl = "/"; // where "back" returns from a document or story, filters included

async function loadSummary() {
  try {
    const s = await getJson("summary", { top: false });
    const range = s.first_date ? `${s.first_date} – ${s.last_date}` : "no dated events";
    const n = (x) => x.toLocaleString("en");
    $("summary").textContent = `${n(s.counts.documents)} documents · ${n(s.counts.events)} events · ${n(s.counts.stories)} stories · ${range}`;
    const select = $("filters").elements.type;
    const chosen = getState().type || "";
    select.replaceChildren(el("option", { value: "" }, "any"),
      ...s.event_types.map((t) => el("option", { value: t.type }, `${t.type} (${t.count})`)));
    select.value = chosen;
  } catch (err) {
    $("summary").textContent = err.message;
  }
}

function fillForm(state) {
  const form = $("filters");
  const type = form.elements.type;
  // The types arrive with the summary; a type from the URL is shown before that.
  if (state.type && ![...type.options].some((o) => o.value === state.type)) type.append(el("option", { value: state.type }, state.type));
  for (const k of FILTERS) form.elements[k].value = state[k] || "";
}

function updateChrome(state) {
  const filters = filtersOf(state);
  $("tabs").replaceChildren(...TABS.map(([view, label]) => el("a", {
    href: stateUrl(FILTERED.includes(view) ? { ...filters, view } : view === "dyad" ? { view, a: state.a, b: state.b } : { view }),
    className: view === state.view ? "tab active" : "tab", attrs: { "data-view": view },
  }, label)));
  $("filters").hidden = !FILTERED.includes(state.view);
  $("download-csv").href = apiUrl("export", { ...filters, format: "csv" });
  $("download-json").href = apiUrl("export", { ...filters, format: "jsonl" });
  fillForm(state);
}

function route(state) {
  for (const view of VIEWS) $(`view-${view}`).hidden = view !== state.view;
  updateChrome(state);
  $("filter-error").textContent = "";
  if (state.view !== shownView) window.scrollTo(0, 0);
  shownView = state.view;
  if (FILTERED.includes(state.view) || state.view === "dyad") lastListUrl = stateUrl(state);
  for (const back of document.querySelectorAll("a.back")) back.href = lastListUrl;
  document.body.dataset.view = state.view;
  if (state.view === "events") showEvents(state);
  else if (state.view === "map") showMap(state);
  else if (state.view === "network") showNetwork(state);
  else if (state.view === "dyad") showDyad(state);
  else if (state.view === "doc") showDocument(state.id || "");
  else if (state.view === "story") showStory(state.id || "");
}

function applyFilters(event) {
  event.preventDefault();
  const form = $("filters");
  const patch = Object.fromEntries(FILTERS.map((k) => [k, form.elements[k].value.trim()]));
  const view = getState().view;
  setState({ ...patch, view: FILTERED.includes(view) ? view : "events", mapz: getState().mapz });
}

/** Links inside the app (href "?view=...") change the state without reloading the page. */
function followInternalLinks(event) {
  const a = event.target.closest("a");
  const href = a && a.getAttribute("href");
  if (!href || !(href.startsWith("?") || href === "/" || href.startsWith("/?"))) return;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  setState(Object.fromEntries(new URLSearchParams(href.split("?")[1] || "")));
}

function init() {
  upgradeHashLink();
  document.addEventListener("click", followInternalLinks);
  $("filters").addEventListener("submit", applyFilters);
  $("reset").addEventListener("click", () => {
    const view = getState().view;
    setState({ view: FILTERED.includes(view) ? view : "events" });
  });
  initDyad();
  initCode();
  onStateChange(route);
  loadSummary();
  route(getState());
}

init();
