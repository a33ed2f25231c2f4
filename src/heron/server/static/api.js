// Talking to the heron REST API (same origin) and small DOM helpers shared by the views.

export class ApiError extends Error {}

/** /api/<path>?<params>, without empty params. */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== "") query.set(k, String(v).trim());
  }
  const qs = query.toString();
  return `/api/${path}${qs ? `?${qs}` : ""}`;
}

/** GET /api/<path>?<params>; throws ApiError with the server's message. */
export async function getJson(path, params = {}) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
  return readJson(response);
}

/** POST a JSON body to /api/<path>; throws ApiError with the server's message. */
export async function postJson(path, body) {
  const response = await fetch(`/api/${path}`, {
    method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  return readJson(response);
}

async function readJson(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(errorText(body, response.status));
  return body;
}

function errorText(body, status) {
  const detail = body && body.detail;
  if (Array.isArray(detail)) return detail.map((d) => d.msg).join("; ");
  return detail ? String(detail) : `request failed (${status})`;
}

/** document.createElement with properties, attributes (`attrs`) and children (strings or nodes). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { attrs, ...rest } = props;
  Object.assign(node, rest);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const QUADS = [
  { key: "quad1", label: "Verbal cooperation", color: "#7fb77e" },
  { key: "quad2", label: "Material cooperation", color: "#2e7d32" },
  { key: "quad3", label: "Verbal conflict", color: "#f0a04b" },
  { key: "quad4", label: "Material conflict", color: "#c62828" },
];

export function docHref(docId) {
  return `?view=doc&id=${encodeURIComponent(docId)}`;
}

export function storyHref(storyId) {
  return `?view=story&id=${encodeURIComponent(storyId)}`;
}

/** Index (0-3) of the quad class with the most events in a row with quad1..quad4, or -1. */
export function dominantQuad(row) {
  let best = -1;
  QUADS.forEach((q, i) => { if ((row[q.key] || 0) > 0 && (best < 0 || row[q.key] > row[QUADS[best].key])) best = i; });
  return best;
}

/** Highlight the trigger inside a sentence: [text, <mark>, text]. */
export function highlightTrigger(evidence, trigger) {
  const i = trigger ? evidence.toLowerCase().indexOf(trigger.toLowerCase()) : -1;
  if (i < 0) return [evidence];
  return [evidence.slice(0, i), el("mark", { className: "hl-trigger" }, evidence.slice(i, i + trigger.length)),
    evidence.slice(i + trigger.length)];
}

/** A badge with the event type coloured by quad class. */
export function typeBadge(type, quadClass) {
  const quad = QUADS[(quadClass || 0) - 1];
  return el("span", { className: `badge q${quadClass || 0}`, title: quad ? quad.label : "" }, type || "?");
}
