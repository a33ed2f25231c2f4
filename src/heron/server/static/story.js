// The story view: every report (document) of one story, with its sources and first/last dates.

import { docHref, el, getJson, highlightTrigger, typeBadge } from "./api.js";

const $ = (id) => document.getElementById(id);

function reportRow(r) {
  return el("tr", {},
    el("td", { className: "nowrap" }, r.date || ""),
    el("td", {}, el("a", { href: docHref(r.doc_id), className: "doc-link" }, r.title || r.doc_id),
      el("div", { className: "codes" }, r.doc_id)),
    el("td", {}, r.publisher || r.source || "",
      /^https?:\/\//i.test(r.url || "") ? el("div", {}, el("a", { href: r.url, rel: "noreferrer", target: "_blank" }, "source")) : null),
    el("td", { className: "evidence" }, ...highlightTrigger(r.evidence || "", r.trigger)),
    el("td", {}, r.modality || ""));
}

export async function showStory(id) {
  $("story-title").textContent = "Loading…";
  $("story-meta").textContent = "";
  try {
    const { story: s, reports, sources } = await getJson(`stories/${encodeURIComponent(id)}`);
    $("story-title").replaceChildren(typeBadge(s.plover_type, s.quad_class), " ",
      `${s.actors.join(", ") || s.actor_keys.join(" ") || "—"} → ${s.recipients.join(", ") || s.recipient_keys.join(" ") || "each other"}`);
    const dates = s.date_first === s.date_last ? s.date_first : `${s.date_first} – ${s.date_last}`;
    $("story-meta").textContent = [dates, `CAMEO ${s.cameo_code || "?"} ${s.cameo_name || ""}`.trim(),
      `${s.num_articles} documents`, `${s.num_sources} sources`, `${s.num_mentions} reports`,
      s.location_text ? `in ${s.location_text}` : null, `story ${s.story_id}`].filter(Boolean).join(" · ");
    $("story-reports").tBodies[0].replaceChildren(...reports.map(reportRow));
    $("story-sources").tBodies[0].replaceChildren(...sources.map((src) => el("tr", {},
      el("td", {}, src.source), el("td", {}, String(src.reports)), el("td", { className: "nowrap" }, src.first_date || ""),
      el("td", { className: "nowrap" }, src.last_date || ""))));
    document.body.dataset.story = s.story_id;
  } catch (err) {
    $("story-title").textContent = "Story not available";
    $("story-meta").textContent = err.message;
  }
}
