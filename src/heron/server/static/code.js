// The "Code a text" view: paste an article, POST /api/code, and read it back with the trigger, actor,
// recipient and quote spans highlighted; hovering a trigger says why the event was coded (`explain`).

import { el, postJson, typeBadge } from "./api.js";
import { jumpTo, renderText } from "./document.js";

const $ = (id) => document.getElementById(id);

function who(actors) {
  return (actors || []).map((a) => a.name || a.text || a.code).join(", ") || "—";
}

function codes(actors) {
  return (actors || []).map((a) => a.code || a.country || a.igo).filter(Boolean).join(" ");
}

/** The `explain` of an event in words: which pattern or model, how the actor and recipient were found. */
export function reasons(ev) {
  const x = ev.explain || {};
  const parts = [];
  if (x.by === "lexicon") parts.push(`lexicon pattern ${x.pattern || "?"}`);
  else if (x.by) parts.push(`${x.by === "model" ? "learned model" : x.by}${x.top ? ` (top ${x.top})` : ""}`);
  if (x.lemma) parts.push(`${x.how || x.frame || "word"} "${x.lemma}"`);
  if (x.effects && x.effects.length) parts.push(`effects: ${x.effects.join(", ")}`);
  if (x.agent_via) parts.push(`actor via ${x.agent_via}`);
  if (x.target_via) parts.push(`recipient via ${x.target_via}`);
  if (x.modality_cue) parts.push(`modality cue "${x.modality_cue}"`);
  if (x.asserted) parts.push(`literal type ${x.asserted.plover} ${x.asserted.cameo}`);
  if (x.folded && x.folded.length) parts.push(`folded: ${x.folded.map((f) => `${f.type} "${f.trigger}"`).join(", ")}`);
  return parts.join("; ");
}

function eventTitle(ev) {
  return `${ev.plover.type} (CAMEO ${ev.cameo.code}) · ${ev.modality} · confidence ${ev.confidence}\n${reasons(ev)}`;
}

/** Marks over the coded document: [start, end, className, title, eventId]. */
function marks(doc) {
  const out = [];
  for (const q of doc.quotes) {
    if (q.span) out.push([q.span[0], q.span[1], "hl-quote", `quote${q.speaker ? ` by ${q.speaker.name || q.speaker.text}` : ""}`]);
  }
  for (const m of doc.mentions) {
    const a = m.actor || {};
    if (m.span && (a.country || a.code)) out.push([m.span[0], m.span[1], "hl-mention", `${a.name || m.text} (${a.code || a.country})`]);
  }
  for (const ev of doc.events) {
    const what = `${ev.plover.type} (CAMEO ${ev.cameo.code})`;
    for (const a of ev.actor || []) if (a.span) out.push([a.span[0], a.span[1], "hl-actor", `actor of ${what}: ${a.name || a.text}`]);
    for (const a of ev.recipient || []) if (a.span) out.push([a.span[0], a.span[1], "hl-recipient", `recipient of ${what}: ${a.name || a.text}`]);
    if (ev.trigger && ev.trigger.span) out.push([ev.trigger.span[0], ev.trigger.span[1], "hl-trigger", eventTitle(ev), ev.id]);
  }
  return out.filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && s < e && e <= doc.text.length);
}

function eventItem(ev) {
  const place = ev.location ? ` · ${ev.location.name || ev.location.text}` : "";
  return el("li", {},
    typeBadge(ev.plover.type, ev.quad_class), " ", el("strong", {}, who(ev.actor)), " → ", el("strong", {}, who(ev.recipient)),
    " ", el("span", { className: "codes" }, `${codes(ev.actor)} → ${codes(ev.recipient) || "each other"}`),
    " ", el("span", { className: "muted" }, `${ev.date || "undated"} · CAMEO ${ev.cameo.code} · ${ev.modality} · ${ev.confidence}${place}`),
    el("div", { className: "reasons" }, `why: ${reasons(ev)}`),
    el("a", { href: "#", className: "jump", onclick: (e) => { e.preventDefault(); jumpTo(ev.id, "#code-result-text"); } }, "show in text"));
}

function quoteItem(q) {
  const s = q.speaker || {};
  const speaker = s.name || q.speaker_text || "unknown speaker";
  return el("li", {}, el("strong", {}, speaker + (s.country ? ` (${s.country})` : "")),
    q.addressee ? ` to ${q.addressee.name || q.addressee.text}` : "", el("blockquote", {}, q.text || ""));
}

function actorItem(m) {
  const a = m.actor;
  return el("li", {}, el("strong", {}, a.name || m.text), " ", el("span", { className: "codes" }, [a.code, a.country, a.sector].filter(Boolean).join(" ")),
    a.role ? el("span", { className: "muted" }, ` · ${a.role}`) : null, m.text !== a.name ? el("span", { className: "muted" }, ` · “${m.text}”`) : null);
}

function show(doc) {
  renderText($("code-result-text"), doc.text, marks(doc));
  $("code-result-meta").textContent = `${doc.events.length} events · ${doc.quotes.length} quotes · `
    + `${doc.sentences.length} sentences${doc.date ? ` · dated ${doc.date}` : ""} · nothing was stored`;
  $("code-events").replaceChildren(...(doc.events.length ? doc.events.map(eventItem) : [el("li", { className: "muted" }, "no events")]));
  $("code-quotes").replaceChildren(...(doc.quotes.length ? doc.quotes.map(quoteItem) : [el("li", { className: "muted" }, "none")]));
  const seen = new Set();
  const actors = doc.mentions.filter((m) => m.actor && (m.actor.country || m.actor.code))
    .filter((m) => { const k = m.actor.name || m.text; if (seen.has(k)) return false; seen.add(k); return true; });
  $("code-actors").replaceChildren(...(actors.length ? actors.map(actorItem) : [el("li", { className: "muted" }, "none")]));
  $("code-result").hidden = false;
}

async function submit(event) {
  event.preventDefault();
  const f = event.target.elements;
  const button = f.submit;
  $("code-error").textContent = "";
  $("code-status").textContent = "Coding… (the first text also loads the model, a few seconds)";
  button.disabled = true;
  try {
    const doc = await postJson("code", { text: f.text.value, date: f.date.value || null, title: f.title.value || null });
    show(doc);
    $("code-status").textContent = "";
    document.body.dataset.coded = String(doc.events.length);
  } catch (err) {
    $("code-status").textContent = "";
    $("code-error").textContent = err.message;
    document.body.dataset.coded = "error";
  } finally {
    button.disabled = false;
  }
}

export function initCode() {
  $("code-form").addEventListener("submit", submit);
}
