// The dyad view: pick two parties (USA and KAZ, IND and PAK) -> monthly reports by quad class in each
// direction and the net Goldstein line; click a month for its events.

import { getJson } from "./api.js";
import { drawDyad } from "./charts.js";
import { eventRow } from "./events.js";
import { updateState } from "./state.js";

const $ = (id) => document.getElementById(id);

async function showMonth(state) {
  const body = $("dyad-events").tBodies[0];
  if (!state.month) {
    $("dyad-month").textContent = "click a month in the chart";
    body.replaceChildren();
    return;
  }
  try {
    const page = await getJson("dyad-events", { a: state.a, b: state.b, month: state.month });
    $("dyad-month").textContent = `${page.month}: ${page.total} reports${page.total > page.items.length ? ` (first ${page.items.length})` : ""}`;
    body.replaceChildren(...page.items.map(eventRow));
    document.body.dataset.dyadEvents = String(page.items.length);
  } catch (err) {
    $("dyad-error").textContent = err.message;
  }
}

export async function showDyad(state) {
  const form = $("dyad-form");
  form.elements.a.value = state.a || "";
  form.elements.b.value = state.b || "";
  $("dyad-error").textContent = "";
  if (!state.a || !state.b) {
    $("dyad-title").textContent = "pick two countries or organisations";
    return;
  }
  try {
    const series = await getJson("dyad-series", { a: state.a, b: state.b, since: state.since, until: state.until });
    $("dyad-title").textContent = `${series.a} and ${series.b}`;
    $("dyad-empty").hidden = series.rows.length > 0;
    drawDyad($("dyad-chart"), series, (month) => updateState({ month }));
    document.body.dataset.dyad = String(series.rows.length);
  } catch (err) {
    $("dyad-error").textContent = err.message;
    document.body.dataset.dyad = "error";
    return;
  }
  showMonth(state);
}

export function initDyad() {
  $("dyad-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = e.target.elements;
    updateState({ view: "dyad", a: f.a.value.trim().toUpperCase(), b: f.b.value.trim().toUpperCase(), month: null });
  });
  $("dyad-swap").addEventListener("click", () => {
    const f = $("dyad-form").elements;
    updateState({ view: "dyad", a: f.b.value.trim().toUpperCase(), b: f.a.value.trim().toUpperCase() });
  });
}
