// One campaign: header with live progress (server-sent events), decision timeline, width curve, accuracy heat map,
// replay and counterfactual, and the round streams. Every figure comes from the JSON API the page links to.
"use strict";
(() => {
  const id = location.pathname.split("/").filter(Boolean)[1];
  const base = `/api/campaigns/${id}`;
  const $ = s => document.getElementById(s);
  // Each live update as it arrived, for whoever measures the latency (the browser test reads it).
  window.dashboardLive = [];
  let last = null, matrices = [], roundsRefreshed = 0;

  function header(d) {
    const c = d.campaign;
    document.title = `${c.name} · WidthRetrain`;
    $("name").textContent = c.name;
    $("campaign-id").textContent = c.id;
    $("status").textContent = c.status;
    $("status").className = `badge ${c.status}`;
    $("bar-fill").style.width = `${(100 * c.progress).toFixed(1)}%`;
    $("progress").textContent = `${c.roundsDone}/${c.roundsTotal} rounds (${(100 * c.progress).toFixed(0)}%) · stage ${c.stage}` +
      (d.lastRound ? ` · last: ${d.lastRound}` : "");
    $("facts").textContent = `${c.dataset}, ${c.tasks} ${c.scenario} tasks · seeds ${c.seeds.join(", ")} · ` +
      `${c.policy ? "policy " + c.policy : "widths " + c.widths.join(", ")} · started ${wr.utc(c.startedAt)} UTC` +
      (c.finishedAt ? ` · finished ${wr.utc(c.finishedAt)} UTC` : "") + ` · cost ${wr.money(c.totalCost, c.currency)}` +
      ` · chosen: ${c.chosen}` + (d.redrives ? ` · pending work sent again ${d.redrives} time(s)` : "");
    $("failure").hidden = !c.failureReason;
    $("failure").textContent = c.failureReason ? `failed: ${c.failureReason}` : "";
  }

  function decisions(entries, currency) {
    const box = $("decisions");
    if (!entries.length) { wr.clear(box, wr.el("p", { class: "muted", text: "no stage started yet" })); return; }
    wr.clear(box, ...entries.map(e => {
      const n = e.numbers;
      const title = e.lever ? `Stage ${e.stage}: ${e.incumbent} with ${e.lever}` : e.candidate ? `Stage ${e.stage}: ${e.incumbent} against ${e.candidate}` : `Stage ${e.stage}`;
      const card = wr.el("div", { class: "card decision", "data-stage": e.stage }, wr.el("h3", { text: title }));
      if (!e.step) { card.append(wr.el("p", { class: "muted", text: `running (${e.rounds} rounds)` })); return card; }
      card.append(wr.el("p", {}, wr.el("strong", { text: e.step }), ` · ${e.verdict} · ${e.policy}`));
      card.append(wr.el("p", { text: e.explanation }));
      const rows = [
        ["gain (less forgetting)", n.gain === null ? "-" : `${wr.pts(n.gain)} [${wr.pct(n.gainLow)}, ${wr.pct(n.gainHigh)}]`],
        ["extra cost", wr.money(n.extraCost, currency)],
        ["return (gain per cost)", `${wr.ret(n.returnPerCost)} ${e.returnUnit || ""}`],
        ["threshold", `${wr.ret(n.returnThreshold)} ${e.returnUnit || ""}; minimum gain ${wr.pts(n.minimumGain)}`],
        ["spent", `${wr.money(n.spent, currency)}${n.budget ? " of " + wr.money(n.budget, currency) : ""}`],
      ];
      if (n.forecastGain !== null && n.forecastGain !== undefined)
        rows.push(["forecast (not measured)", `${wr.pts(n.forecastGain)} [${wr.pct(n.forecastGainLow)}, ${wr.pct(n.forecastGainHigh)}] for ${wr.money(n.forecastCost, currency)}`]);
      card.append(wr.el("table", {}, rows.map(([k, v]) => wr.el("tr", {}, wr.el("td", { class: "muted", text: k }), wr.el("td", { text: v })))));
      card.append(intervalBar(n));
      card.append(wr.el("p", { class: "muted", text: `evidence: ${e.evidenceEvents} recorded event(s)` }));
      return card;
    }));
  }

  // The gain's interval against zero and the minimum gain: a decision's evidence at a glance.
  function intervalBar(n) {
    if (!wr.isNum(n.gain)) return wr.el("span");
    const w = 360, h = 34, vals = [0, n.minimumGain, n.gainLow, n.gainHigh, n.gain].filter(wr.isNum);
    let lo = Math.min(...vals), hi = Math.max(...vals);
    const pad = (hi - lo) * 0.15 || 0.01; lo -= pad; hi += pad;
    const x = v => 10 + (w - 20) * (v - lo) / (hi - lo);
    const s = wr.svg("svg", { width: w, height: h, class: "interval", role: "img" });
    s.append(wr.svg("line", { x1: x(0), x2: x(0), y1: 2, y2: h - 12, class: "axis" }));
    s.append(wr.svg("text", { x: x(0) + 2, y: h - 2 }, "0"));
    if (wr.isNum(n.minimumGain) && n.minimumGain !== 0) {
      s.append(wr.svg("line", { x1: x(n.minimumGain), x2: x(n.minimumGain), y1: 2, y2: h - 12, stroke: "#b45309", "stroke-dasharray": "3 2" }));
      s.append(wr.svg("text", { x: x(n.minimumGain) + 2, y: h - 2 }, "min"));
    }
    if (wr.isNum(n.gainLow) && wr.isNum(n.gainHigh))
      s.append(wr.svg("line", { x1: x(n.gainLow), x2: x(n.gainHigh), y1: 11, y2: 11, stroke: "#1e40af", "stroke-width": 3 }));
    s.append(wr.svg("circle", { cx: x(n.gain), cy: 11, r: 4, fill: "#1e40af" }));
    return s;
  }

  function widthCurve(view) {
    const box = $("width-curve");
    const pts = view.points;
    if (!pts.length) { wr.clear(box, wr.el("p", { class: "muted", text: view.note || "no stage concluded yet" })); $("curve-fit").textContent = ""; return; }
    const W = 560, H = 330, L = 56, R = 18, T = 14, B = 42;
    const f = view.forecast;
    const last = pts.filter(p => !p.leverPilot).reduce((a, p) => (!a || p.width > a.width || (p.width === a.width && p.stage >= a.stage)) ? p : a, null);
    // The forecast is a difference from the widest measured width; drawn as that width's forgetting minus the gain.
    const fy = f && last ? { w: f.toWidth, y: last.forgetting.mean - f.gain, lo: last.forgetting.mean - f.high, hi: last.forgetting.mean - f.low } : null;
    const xs = pts.map(p => p.width).concat(fy ? [fy.w] : []);
    const ys = pts.flatMap(p => [p.forgetting.mean, p.forgetting.n > 1 ? p.forgetting.low : p.forgetting.mean, p.forgetting.n > 1 ? p.forgetting.high : p.forgetting.mean])
      .concat(view.fit ? view.fit.line.map(s => s.forgetting) : []).concat(fy ? [fy.lo, fy.hi] : []).filter(wr.isNum);
    let x0 = Math.log2(Math.min(...xs)) - 0.3, x1 = Math.log2(Math.max(...xs)) + 0.3;
    let y0 = Math.min(...ys), y1 = Math.max(...ys);
    const yp = (y1 - y0) * 0.1 || 0.01; y0 -= yp; y1 += yp;
    const X = w => L + (W - L - R) * (Math.log2(w) - x0) / (x1 - x0);
    const Y = v => T + (H - T - B) * (1 - (v - y0) / (y1 - y0));
    const s = wr.svg("svg", { width: W, height: H, id: "width-curve-svg", role: "img" });
    for (let i = 0; i <= 4; i++) {
      const v = y0 + (y1 - y0) * i / 4;
      s.append(wr.svg("line", { x1: L, x2: W - R, y1: Y(v), y2: Y(v), class: "grid" }));
      s.append(wr.svg("text", { x: L - 6, y: Y(v) + 4, "text-anchor": "end" }, (100 * v).toFixed(1)));
    }
    s.append(wr.svg("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }));
    s.append(wr.svg("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
    for (const w of [...new Set(xs)]) s.append(wr.svg("text", { x: X(w), y: H - B + 15, "text-anchor": "middle" }, String(w)));
    s.append(wr.svg("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle" }, "hidden width (log2 scale)"));
    s.append(wr.svg("text", { x: 12, y: (T + H - B) / 2, transform: `rotate(-90 12 ${(T + H - B) / 2})`, "text-anchor": "middle" }, "forgetting (%)"));
    if (view.fit) {
      const d = view.fit.line.map((p, i) => `${i ? "L" : "M"}${X(p.width).toFixed(1)},${Y(p.forgetting).toFixed(1)}`).join("");
      s.append(wr.svg("path", { d, fill: "none", stroke: "#667085", "stroke-dasharray": "5 4", class: "fit" }));
    }
    for (const p of pts) {
      const e = p.forgetting, color = p.leverPilot ? "#b45309" : "#1e40af";
      if (e.n > 1) s.append(wr.svg("line", { x1: X(p.width), x2: X(p.width), y1: Y(e.low), y2: Y(e.high), stroke: color, "stroke-width": 1.5 }));
      const mark = p.leverPilot
        ? wr.svg("rect", { x: X(p.width) - 4, y: Y(e.mean) - 4, width: 8, height: 8, fill: color, class: "point" })
        : wr.svg("circle", { cx: X(p.width), cy: Y(e.mean), r: 4.5, fill: color, class: "point" });
      mark.append(wr.svg("title", {}, `${p.arm} (stage ${p.stage}, ${p.seeds} seeds): forgetting ${wr.interval(e)} %`));
      s.append(mark);
    }
    if (fy) {
      s.append(wr.svg("line", { x1: X(fy.w), x2: X(fy.w), y1: Y(fy.lo), y2: Y(fy.hi), stroke: "#b45309", "stroke-dasharray": "2 2" }));
      s.append(wr.svg("circle", { cx: X(fy.w), cy: Y(fy.y), r: 5, fill: "#fff", stroke: "#b45309", "stroke-width": 2, class: "forecast" }));
      s.append(wr.svg("text", { x: X(fy.w) - 8, y: Y(fy.y) - 9, "text-anchor": "end", class: "forecast" }, "forecast"));
    }
    wr.clear(box, s);
    const text = [];
    if (view.fit) text.push(`${view.fit.formula} (${view.fit.quality}).`);
    if (f) text.push(`Forecast, not measured: width ${f.fromWidth} → ${f.toWidth} would cut forgetting by ${wr.pts(f.gain)} [${wr.pct(f.low)}, ${wr.pct(f.high)}] (${f.models}).`);
    if (view.note) text.push(view.note + ".");
    text.push("Points: mean over seeds with the 95% interval; squares are lever pilots.");
    $("curve-fit").textContent = text.join(" ");
  }

  function heatmap() {
    const box = $("heatmap"), pick = $("arm");
    const m = matrices[Number(pick.value)] || matrices[0];
    if (!m) { wr.clear(box, wr.el("p", { class: "muted", text: "no round evaluated yet" })); return; }
    const t = m.tasks, cell = Math.max(28, Math.min(64, Math.floor(360 / t))), L = 70, T = 22;
    const vals = m.cells.flat().filter(wr.isNum);
    const lo = Math.min(...vals), hi = Math.max(...vals);
    const s = wr.svg("svg", { width: L + t * cell + 10, height: T + t * cell + 10, id: "heatmap-svg", role: "img" });
    for (let j = 0; j < t; j++) s.append(wr.svg("text", { x: L + j * cell + cell / 2, y: T - 6, "text-anchor": "middle" }, `task ${j + 1}`));
    for (let i = 0; i < t; i++) {
      s.append(wr.svg("text", { x: L - 6, y: T + i * cell + cell / 2 + 4, "text-anchor": "end" }, `after ${i + 1}`));
      for (let j = 0; j < t; j++) {
        const v = m.cells[i][j];
        const r = wr.svg("rect", { x: L + j * cell, y: T + i * cell, width: cell - 1, height: cell - 1, class: "cell",
          fill: wr.isNum(v) ? wr.viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5) : "#eef1f5" });
        r.append(wr.svg("title", {}, wr.isNum(v) ? `after task ${i + 1}, on task ${j + 1}: ${wr.pct(v, 1)} %` : "not evaluated"));
        s.append(r);
        if (wr.isNum(v) && cell >= 30) {
          const light = hi > lo && (v - lo) / (hi - lo) < 0.55;
          s.append(wr.svg("text", { x: L + j * cell + cell / 2, y: T + i * cell + cell / 2 + 4, "text-anchor": "middle", style: `fill:${light ? "#fff" : "#1d2430"}` }, wr.pct(v, 0)));
        }
      }
    }
    wr.clear(box, s);
  }

  function rounds(list) {
    wr.clear(document.querySelector("#rounds tbody"), ...list.map(({ round: r, events }) => wr.el("tr", {},
      wr.el("td", { text: r.stage }), wr.el("td", { text: r.arm }), wr.el("td", { text: r.seed }), wr.el("td", { text: r.taskIndex + 1 }),
      wr.el("td", { text: r.status + (r.lastFault ? ` (fault: ${r.lastFault})` : "") }), wr.el("td", { class: "num", text: wr.pct(r.accuracyOnTask) }),
      wr.el("td", { class: "num", text: wr.isNum(r.trainSeconds) ? r.trainSeconds.toFixed(2) : "-" }),
      wr.el("td", { class: "num", text: wr.money(r.cost) }),
      wr.el("td", {}, wr.el("a", { href: events, class: "stream", text: "events" })))));
  }

  async function sections(campaign) {
    const currency = campaign.currency;
    const [timeline, curve, accuracy, roundList] = await Promise.all([
      wr.api(`${base}/decisions`), wr.api(`${base}/width-curve`), wr.api(`${base}/accuracy`), wr.api(`${base}/rounds`)]);
    decisions(timeline, currency);
    widthCurve(curve);
    const chosen = $("arm").value;
    matrices = accuracy;
    wr.clear($("arm"), ...matrices.map((m, i) => wr.el("option", { value: i, text: `stage ${m.stage}: ${m.arm} (${m.seeds} seed(s))` })));
    // Keep the reader's choice; else the arm the campaign chose, else the latest.
    const preferred = matrices.findLastIndex(m => m.arm === campaign.chosen);
    if (chosen && Number(chosen) < matrices.length) $("arm").value = chosen;
    else if (matrices.length) $("arm").value = String(preferred >= 0 ? preferred : matrices.length - 1);
    heatmap();
    rounds(roundList);
    roundsRefreshed = Date.now();
  }

  function changed(a, b) {
    if (!a) return true;
    return a.campaign.stage !== b.campaign.stage || a.decisions.length !== b.decisions.length || a.campaign.status !== b.campaign.status
      || (a.campaign.roundsDone !== b.campaign.roundsDone && Date.now() - roundsRefreshed > 3000);
  }

  function live() {
    const events = new EventSource(`${base}/events`);
    events.addEventListener("open", () => { $("live").textContent = "live"; });
    events.addEventListener("summary", m => {
      const d = JSON.parse(m.data);
      window.dashboardLive.push({ roundsDone: d.campaign.roundsDone, progressAt: Date.parse(d.progressAt), receivedAt: Date.now() });
      header(d);
      if (changed(last, d)) sections(d.campaign).catch(e => { $("live").textContent = `error: ${e.message}`; });
      last = d;
    });
    events.addEventListener("problem", m => { $("live").textContent = JSON.parse(m.data).error; });
    events.addEventListener("end", () => { events.close(); $("live").textContent = "finished"; });
    events.addEventListener("error", () => { if (events.readyState !== EventSource.CLOSED) $("live").textContent = "reconnecting…"; });
  }

  $("arm").addEventListener("change", heatmap);

  $("replay-button").addEventListener("click", async () => {
    const out = $("replay-result");
    out.className = ""; out.textContent = "verifying…";
    try {
      const r = await wr.api(`${base}/replay`, { method: "POST" });
      out.className = r.passed ? "pass" : "fail";
      out.textContent = r.line;
      wr.clear($("replay-steps"), r.decisions.length ? wr.el("table", { class: "grid" },
        wr.el("tr", {}, ["stage", "recorded", "replayed", "result"].map(h => wr.el("th", { text: h }))),
        r.decisions.map(s => wr.el("tr", {}, wr.el("td", { text: s.stage }), wr.el("td", { text: s.recorded }), wr.el("td", { text: s.replayed }),
          wr.el("td", { class: s.identical ? "pass" : "fail", text: s.identical ? "identical" : `different: ${s.differences.join("; ")}` })))) : "",
        wr.el("p", { class: "muted", text: `head hash ${r.headHash || "-"} · ${r.seconds.toFixed(3)} s` }));
    } catch (e) {
      out.className = "fail"; out.textContent = e.message;
    }
  });

  $("counterfactual").addEventListener("submit", async ev => {
    ev.preventDefault();
    const out = $("cf-result");
    out.className = ""; out.textContent = "deciding again on the recorded evidence…";
    wr.clear($("cf-steps"));
    try {
      const r = await wr.api(`${base}/counterfactual`, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ policy: $("cf-policy").value, prices: $("cf-prices").value }) });
      out.textContent = r.line;
      wr.clear($("cf-steps"), wr.el("table", { class: "grid" },
        wr.el("tr", {}, ["stage", "recorded", "would decide", "why"].map(h => wr.el("th", { text: h }))),
        r.steps.map(s => wr.el("tr", {}, wr.el("td", { text: s.stage }), wr.el("td", { text: s.recorded }), wr.el("td", { text: s.wouldDecide }),
          wr.el("td", { style: "white-space:normal", text: s.why })))),
        r.forecast ? wr.el("p", { class: "forecast", text: `FORECAST, not measured: width ${r.forecast.fromWidth} → ${r.forecast.toWidth} would cut forgetting by ${wr.pts(r.forecast.gain)} [${wr.pct(r.forecast.low)}, ${wr.pct(r.forecast.high)}]` }) : "");
    } catch (e) {
      out.className = "fail"; out.textContent = e.message;
    }
  });

  wr.clear($("api-links"), ...["", "/decisions", "/width-curve", "/accuracy", "/rounds", "/events"].map(p => [wr.el("a", { href: base + p, text: base + p }), " "]).flat());

  (async () => {
    try {
      const d = await wr.api(base);
      header(d);
      last = d;
      await sections(d.campaign);
      if (!d.campaign.finishedAt) live(); else $("live").textContent = "";
    } catch (e) {
      $("progress").textContent = `error: ${e.message}`;
      $("progress").className = "fail";
    }
  })();
})();
