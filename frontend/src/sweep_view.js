// An LR sweep: best and final loss against peak LR (log x), each point
// coloured by its run's status, diverged runs marked with a cross, the best
// LR ringed, and the verdict in words. `data` is one sweep of ./sweeps
// (docs/api.md).

import { el, clear } from "./dom.js";
import { fmtLR, fmtValue, num } from "./format.js";
import { frame, svg, vmarker } from "./svgplot.js";
import "./svgplot.css";

const STATUS_COLOR = { critical: "#d93025", warning: "#e37400", healthy: "#188038" };

export function render(container, data) {
  clear(container);
  const pts = Array.isArray(data && data.points) ? data.points : [];
  const lrs = pts.map((p) => num(p.peak_lr)).filter((x) => x > 0);
  if (!lrs.length) {
    container.appendChild(el("div", { class: "lrh-empty", text: "No sweep points to draw." }));
    return null;
  }
  const vals = [];
  for (const p of pts) for (const k of ["best_loss", "final_loss"]) {
    const v = num(p[k]);
    if (Number.isFinite(v)) vals.push(v);
  }
  let ylo = vals.length ? Math.min(...vals) : 0;
  let yhi = vals.length ? Math.max(...vals) : 1;
  const logY = ylo > 0 && yhi / ylo > 10;
  const f = frame({
    x0: Math.min(...lrs),
    x1: Math.max(...lrs),
    y0: ylo,
    y1: yhi,
    logY,
    xLabel: "peak learning rate (log scale)",
    yLabel: (data.loss || "validation") + " loss",
    label: "Sweep: loss against peak LR",
  });
  const bestLR = num(data.best_lr);
  const best = [];
  const final = [];
  for (const p of pts) {
    const lr = num(p.peak_lr);
    if (!(lr > 0)) continue;
    const x = f.X(lr);
    const color = STATUS_COLOR[p.status] || STATUS_COLOR.healthy;
    const b = num(p.best_loss);
    const fin = num(p.final_loss);
    const title = String(p.run) + ": peak LR " + fmtLR(lr) + ", best " + fmtValue(b) + ", final " + fmtValue(fin) + (p.diverged ? " (diverged)" : "");
    if (Number.isFinite(b)) {
      best.push([x, f.Y(b)]);
      const c = svg("circle", { cx: x, cy: f.Y(b), r: 6, fill: color, class: "lrh-pt best", "data-kind": "best", "data-run": p.run, "data-status": p.status, "data-diverged": p.diverged ? "true" : "false" });
      c.appendChild(svg("title", {}, title));
      f.plot.appendChild(c);
    }
    if (Number.isFinite(fin)) {
      final.push([x, f.Y(fin)]);
      f.plot.appendChild(svg("circle", { cx: x, cy: f.Y(fin), r: 4, fill: "none", stroke: color, "stroke-width": 2, class: "lrh-pt final", "data-kind": "final", "data-run": p.run }));
    }
    if (p.diverged) {
      // a cross at the loss the run reached, or at the top edge when it has none
      const y = Number.isFinite(fin) ? f.Y(fin) : Number.isFinite(b) ? f.Y(b) : f.top + 8;
      const g = svg("g", { class: "lrh-diverged", "data-marker": "diverged", "data-run": p.run });
      g.appendChild(svg("path", { d: "M" + (x - 7) + "," + (y - 7) + "L" + (x + 7) + "," + (y + 7) + "M" + (x - 7) + "," + (y + 7) + "L" + (x + 7) + "," + (y - 7) }));
      g.appendChild(svg("title", {}, title));
      f.plot.appendChild(g);
    }
    if (bestLR > 0 && Math.abs(lr / bestLR - 1) < 1e-6 && Number.isFinite(b)) {
      f.plot.appendChild(svg("circle", { cx: x, cy: f.Y(b), r: 11, class: "lrh-best-ring", "data-marker": "best" }));
    }
  }
  const line = (xy, cls) => {
    const d = xy.sort((a, c) => a[0] - c[0]).map((q, i) => (i ? "L" : "M") + q[0].toFixed(2) + "," + q[1].toFixed(2)).join("");
    return svg("path", { d, class: cls });
  };
  f.plot.insertBefore(line(final, "lrh-sweep-line final"), f.plot.firstChild);
  f.plot.insertBefore(line(best, "lrh-sweep-line best"), f.plot.firstChild);
  const div = num(data.divergence_lr);
  if (div > 0) f.root.appendChild(vmarker(f, div, "diverge", "runs diverge from " + fmtLR(div), "divergence", 0));
  const box = el(
    "section",
    { class: "lrh-sweep", "data-testid": "sweep-view", dataset: { sweep: String(data.name || ""), status: String(data.status || "") } },
    el("h3", { class: "lrh-h3", text: "Sweep " + String(data.name || "") + " (" + pts.length + " runs)" }),
    el(
      "div",
      { class: "lrh-rt-legend" },
      el("span", { class: "lrh-key best", text: "best loss" }),
      el("span", { class: "lrh-key final", text: "final loss" }),
      el("span", { class: "lrh-key divx", text: "× diverged" })
    )
  );
  box.appendChild(f.root);
  box.appendChild(el("p", { class: "lrh-sweep-verdict", "data-testid": "sweep-verdict", text: String(data.text || "") }));
  container.appendChild(box);
  return box;
}
