// The document view: the stored text with trigger, actor and quote spans highlighted.

import { el, getJson, QUADS } from "./api.js";

/** Marks from the document: [start, end, className, title]. */
function marks(doc) {
  const out = [];
  for (const q of doc.quotes) if (q.span) out.push([q.span[0], q.span[1], "hl-quote", quoteTitle(q)]);
  for (const m of doc.mentions) {
    if (m.span && (m.country || m.code)) out.push([m.span[0], m.span[1], "hl-mention", m.name || m.code || ""]);
  }
  for (const ev of doc.events) {
    const what = `${ev.plover_type || "?"} (CAMEO ${ev.cameo_code || "?"})`;
    for (const s of ev.actor_spans) out.push([s[0], s[1], "hl-actor", `actor of ${what}`]);
    for (const s of ev.recipient_spans) out.push([s[0], s[1], "hl-recipient", `recipient of ${what}`]);
    if (ev.trigger_span) out.push([ev.trigger_span[0], ev.trigger_span[1], "hl-trigger", what, ev.event_id]);
  }
  return out.filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && s < e && e <= doc.text.length);
}

function quoteTitle(q) {
  return `quote${q.speaker_name || q.speaker_text ? ` by ${q.speaker_name || q.speaker_text}` : ""}`;
}

// Spans overlap (a trigger inside a quote, an actor inside a mention), so the text is cut at every
// span boundary and each piece gets the classes of all spans covering it: no nesting needed.
export function renderText(container, text, spans) {
  const cuts = [...new Set([0, text.length, ...spans.flatMap(([s, e]) => [s, e])])].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter(([s, e]) => s <= a && b <= e);
    if (!covering.length) { pieces.push(document.createTextNode(text.slice(a, b))); continue; }
    const isMark = covering.some(([, , c]) => c !== "hl-quote" && c !== "hl-mention");
    const node = el(isMark ? "mark" : "span", { className: [...new Set(covering.map(([, , c]) => c))].join(" "),
      title: [...new Set(covering.map(([, , , t]) => t))].join(" · ") }, text.slice(a, b));
    const trigger = covering.find(([, , c]) => c === "hl-trigger");
    if (trigger) node.dataset.event = trigger[4];
    pieces.push(node);
  }
  container.replaceChildren(...pieces);
}

function eventItem(ev) {
  const quad = QUADS[(ev.quad_class || 0) - 1];
  return el("li", {},
    el("span", { className: `badge q${ev.quad_class || 0}`, title: quad ? quad.label : "" }, ev.plover_type || "?"),
    " ", el("strong", {}, ev.actors.join(", ") || "—"), " → ", el("strong", {}, ev.recipients.join(", ") || "—"),
    " ", el("span", { className: "muted" }, `${ev.date || "undated"} · CAMEO ${ev.cameo_code || "?"} · ${ev.modality}`),
    el("div", { className: "evidence" }, ev.evidence || ""),
    ev.trigger_span ? el("a", { href: "#", className: "jump", onclick: (e) => { e.preventDefault(); jumpTo(ev.event_id); } },
      "show in text") : null);
}

export function jumpTo(eventId, container = "#doc-text") {
  const node = [...document.querySelectorAll(`${container} mark.hl-trigger`)].find((m) => m.dataset.event === eventId);
  if (!node) return;
  node.scrollIntoView({ block: "center" });
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1200);
}

function quoteItem(q) {
  const speaker = q.speaker_name || q.speaker_text || "unknown speaker";
  const country = q.speaker_country ? ` (${q.speaker_country})` : "";
  const to = q.addressee_name ? ` to ${q.addressee_name}` : "";
  return el("li", {}, el("strong", {}, speaker + country), to, q.cue ? el("span", { className: "muted" }, ` — ${q.cue}`) : null,
    q.indirect ? el("span", { className: "muted" }, " (indirect)") : null, el("blockquote", {}, q.text || ""));
}

export async function showDocument(docId) {
  const title = document.getElementById("doc-title");
  const meta = document.getElementById("doc-meta");
  const text = document.getElementById("doc-text");
  title.textContent = "Loading…";
  meta.textContent = "";
  text.replaceChildren();
  try {
    const doc = await getJson(`documents/${encodeURIComponent(docId)}`);
    title.textContent = doc.title || doc.id;
    meta.replaceChildren(
      [doc.date, doc.publisher || doc.source, `${doc.events.length} events`, `${doc.quotes.length} quotes`, `id ${doc.id}`]
        .filter(Boolean).join(" · "),
      /^https?:\/\//i.test(doc.url || "") ? el("span", {}, " · ", el("a", { href: doc.url, rel: "noreferrer", target: "_blank" }, "source")) : "");
    renderText(text, doc.text, marks(doc));
    document.getElementById("doc-events").replaceChildren(...doc.events.map(eventItem));
    const quotes = doc.quotes.map(quoteItem);
    document.getElementById("doc-quotes").replaceChildren(...(quotes.length ? quotes : [el("li", { className: "muted" }, "none")]));
    document.body.dataset.doc = doc.id;
  } catch (err) {
    title.textContent = "Document not available";
    meta.textContent = err.message;
  }
}
