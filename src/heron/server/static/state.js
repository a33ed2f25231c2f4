// The dashboard's state lives in the URL query string, so every view can be shared as a link:
//   /?view=map&actor=USA&since=2023-01-01        /?view=dyad&a=USA&b=KAZ&month=2023-02
//   /?view=doc&id=<document id>                   /?view=story&id=<story id>
// Changing state pushes a history entry (back/forward work); listeners redraw from the URL.

export const FILTERS = ["actor", "recipient", "country", "type", "since", "until", "place", "text"];
export const VIEWS = ["events", "map", "network", "dyad", "code", "doc", "story"];

const listeners = [];

/** The current state: {view, ...every query parameter}. */
export function getState() {
  const params = new URLSearchParams(location.search);
  const state = Object.fromEntries(params.entries());
  state.view = VIEWS.includes(state.view) ? state.view : "events";
  return state;
}

/** Only the event filters of the state (what /api/events, /api/map, /api/network take). */
export function filtersOf(state) {
  return Object.fromEntries(FILTERS.filter((k) => state[k]).map((k) => [k, state[k]]));
}

export function stateUrl(state) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v !== undefined && v !== null && String(v) !== "" && !(k === "view" && v === "events")) params.set(k, v);
  }
  const qs = params.toString();
  return `${location.pathname}${qs ? `?${qs}` : ""}`;
}

/** Replace the state with `next`; `replace` rewrites the current history entry instead of adding one. */
export function setState(next, { replace = false } = {}) {
  const url = stateUrl(next);
  if (url === `${location.pathname}${location.search}`) { notify(); return; }
  history[replace ? "replaceState" : "pushState"](null, "", url);
  notify();
}

/** Change some keys of the current state; null or "" removes a key. */
export function updateState(patch, options) {
  setState({ ...getState(), ...patch }, options);
}

export function onStateChange(fn) {
  listeners.push(fn);
}

function notify() {
  const state = getState();
  for (const fn of listeners) fn(state);
}

window.addEventListener("popstate", notify);

/** Links from before the query-string state (#/?actor=USA, #/doc/<id>) still open the right view. */
export function upgradeHashLink() {
  const doc = location.hash.match(/^#\/doc\/(.+)$/);
  if (doc) {
    history.replaceState(null, "", stateUrl({ view: "doc", id: decodeURIComponent(doc[1]) }));
  } else if (location.hash.startsWith("#/?")) {
    history.replaceState(null, "", stateUrl(Object.fromEntries(new URLSearchParams(location.hash.slice(3)))));
  }
}
