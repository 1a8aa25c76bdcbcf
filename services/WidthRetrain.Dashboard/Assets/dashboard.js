// Shared helpers of the dashboard's pages: JSON calls, DOM and SVG building, number formats. No library, no CDN.
"use strict";
const wr = (() => {
  async function api(path, options) {
    const response = await fetch(path, options);
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    if (!response.ok) throw new Error(body && body.error ? body.error : `HTTP ${response.status} from ${path}`);
    return body;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const isNum = v => typeof v === "number" && isFinite(v);
  // Fractions to percent (points for differences); the API keeps fractions as recorded.
  const pct = (f, d = 2) => isNum(f) ? (100 * f).toFixed(d) : (f === "Infinity" ? "unbounded" : "-");
  const pts = f => isNum(f) ? `${(100 * f).toFixed(2)} pts` : "-";
  // To the cent from 1 up (production prices), else four significant digits (the simulation's own tiny prices).
  const amount = v => Math.abs(v) >= 1 ? v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v.toPrecision(4);
  const money = (v, currency) => isNum(v) ? `${amount(v)}${currency ? " " + currency : ""}` : (v === "Infinity" ? "unbounded" : "-");
  const ret = v => isNum(v) ? v.toPrecision(4) : (v === "Infinity" ? "unbounded" : "-");
  const interval = e => !e ? "-" : e.n > 1 ? `${pct(e.mean)} [${pct(e.low)}, ${pct(e.high)}]` : pct(e.mean);
  const utc = t => t ? new Date(t).toISOString().replace("T", " ").slice(0, 19) : "-";

  // Viridis, five stops, interpolated: readable in grey too.
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function viridis(t) {
    t = Math.min(1, Math.max(0, t)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(t)), f = t - i;
    const c = stops[i].map((v, k) => Math.round(v + f * (stops[i + 1][k] - v)));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  function clear(node, ...children) { node.replaceChildren(...children); return node; }

  return { api, el, svg, pct, pts, money, ret, interval, utc, viridis, clear, isNum };
})();
