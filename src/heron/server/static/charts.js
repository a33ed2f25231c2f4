// The dashboard's two charts, drawn with the vendored Chart.js (window.Chart).

import { QUADS } from "./api.js";

const PARTNER_COLORS = ["#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const MAX_PARTNERS = 7; // the rest are drawn as "other"
const charts = new Map();

function draw(canvas, config) {
  charts.get(canvas.id)?.destroy();
  // No animation: the chart is read, not watched, and tests see the final state at once.
  const chart = new window.Chart(canvas, { ...config, options: { animation: false, maintainAspectRatio: false, ...config.options } });
  charts.set(canvas.id, chart);
  return chart;
}

/** Every month from the first to the last period, so gaps show as gaps. */
function monthRange(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** Stacked bars of events per period by quad class; rows from /api/timeline. */
export function drawTimeline(canvas, timeline) {
  const rows = timeline.rows;
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const labels = rows.length && timeline.period === "month" ? monthRange(rows[0].period, rows[rows.length - 1].period)
    : rows.map((r) => r.period);
  return draw(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: QUADS.map((q) => ({
        label: q.label, backgroundColor: q.color, maxBarThickness: 40, data: labels.map((p) => byPeriod.get(p)?.[q.key] ?? 0),
      })),
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
}

/** 100% stacked bars: each partner's share of the country's cooperation per period; data from /api/balance. */
export function drawBalance(canvas, balance) {
  const periods = [...new Set(balance.rows.map((r) => r.period))];
  const shown = balance.partners.slice(0, MAX_PARTNERS);
  const share = new Map(balance.rows.map((r) => [`${r.period} ${r.partner}`, r.share]));
  const datasets = shown.map((p, i) => ({
    label: p, backgroundColor: PARTNER_COLORS[i % PARTNER_COLORS.length], maxBarThickness: 90,
    data: periods.map((per) => share.get(`${per} ${p}`) ?? 0),
  }));
  if (balance.partners.length > shown.length) {
    const rest = balance.partners.slice(MAX_PARTNERS);
    datasets.push({
      label: "other", backgroundColor: "#bbbbbb", maxBarThickness: 90,
      data: periods.map((per) => rest.reduce((sum, p) => sum + (share.get(`${per} ${p}`) ?? 0), 0)),
    });
  }
  return draw(canvas, {
    type: "bar",
    data: { labels: periods, datasets },
    options: {
      scales: {
        x: { stacked: true },
        y: { stacked: true, min: 0, max: 1, ticks: { callback: (v) => `${Math.round(v * 100)}%` } },
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${Math.round(c.parsed.y * 100)}%` } },
      },
    },
  });
}

/** One relationship over time: a -> b reports by quad class above the axis, b -> a below, net Goldstein as a line.
 *  `onMonth(period)` is called with the month of a clicked bar. */
export function drawDyad(canvas, series, onMonth) {
  const rows = series.rows;
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const labels = rows.length ? monthRange(rows[0].period, rows[rows.length - 1].period) : [];
  const bars = (dir, sign, alpha) => QUADS.map((q, i) => ({
    type: "bar", label: `${dir === "ab" ? `${series.a} → ${series.b}` : `${series.b} → ${series.a}`} ${q.label.toLowerCase()}`,
    backgroundColor: q.color + alpha, stack: "reports", maxBarThickness: 36, yAxisID: "y",
    data: labels.map((p) => sign * (byPeriod.get(p)?.[dir][i] ?? 0)),
  }));
  return draw(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [
        { type: "line", label: "net Goldstein (right axis)", borderColor: "#1d2733", backgroundColor: "#1d2733",
          yAxisID: "y2", tension: 0.2, pointRadius: 3, data: labels.map((p) => byPeriod.get(p)?.net_goldstein ?? 0) },
        ...bars("ab", 1, ""), ...bars("ba", -1, "99"),
      ],
    },
    options: {
      onClick: (_, elements) => { if (elements.length) onMonth(labels[elements[0].index]); },
      scales: {
        x: { stacked: true },
        y: { stacked: true, ticks: { precision: 0, callback: (v) => Math.abs(v) },
          title: { display: true, text: `↑ ${series.a} → ${series.b}   reports   ${series.b} → ${series.a} ↓` } },
        y2: { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "net Goldstein" } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${Math.abs(c.parsed.y)}` } },
      },
    },
  });
}
