// Talking to the heron REST API (same origin) and small DOM helpers.

export class ApiError extends Error {}

/** GET /api/<path>?<params>; drops empty params; throws ApiError with the server's message. */
export async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== "") query.set(k, String(v).trim());
  }
  const qs = query.toString();
  const response = await fetch(`/api/${path}${qs ? `?${qs}` : ""}`, { headers: { Accept: "application/json" } });
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
  return `#/doc/${encodeURIComponent(docId)}`;
}
