// An LR range test drawn the way it is read: loss against LR (log x), the
// smoothed loss over the raw one, the suggested LR and the divergence point
// marked. `data` is the report's `range_test` object (docs/api.md).

import { el, clear } from "./dom.js";
import { fmtLR, toNumbers, num } from "./format.js";
import { frame, svg, vmarker, pathOf } from "./svgplot.js";
import "./svgplot.css";

export function render(container, data) {
  clear(container);
  const lr = toNumbers(data && data.lr);
  const loss = toNumbers(data && data.loss);
  const sm = toNumbers(data && data.smoothed);
  const n = Math.min(lr.length, sm.length);
  let x0 = Infinity, x1 = -Infinity, ylo = Infinity, imin = -1;
  for (let i = 0; i < n; i++) {
    if (!(lr[i] > 0) || !Number.isFinite(sm[i])) continue;
    x0 = Math.min(x0, lr[i]);
    x1 = Math.max(x1, lr[i]);
    if (sm[i] < ylo) {
      ylo = sm[i];
      imin = i;
    }
  }
  if (imin < 0) {
    container.appendChild(el("div", { class: "lrh-empty", text: "No range-test curve to draw." }));
    return null;
  }
  // y range: the smoothed curve up to 4x its best (the divergence line), so
  // the explosion does not squash the part that matters; the raw loss is clipped.
  let yhi = -Infinity;
  for (let i = 0; i < n; i++) if (Number.isFinite(sm[i])) yhi = Math.max(yhi, sm[i]);
  yhi = Math.min(yhi, ylo > 0 ? 4 * ylo : yhi);
  for (let i = 0; i <= imin; i++) if (Number.isFinite(sm[i])) yhi = Math.max(yhi, sm[i]);
  for (let i = 0; i < Math.min(n, loss.length); i++) if (Number.isFinite(loss[i])) ylo = Math.min(ylo, loss[i]);
  const f = frame({ x0, x1, y0: ylo, y1: yhi, label: "Loss against learning rate", yLabel: "training loss" });
  f.plot.appendChild(svg("path", { d: pathOf(f, lr, loss), class: "lrh-raw", "data-series": "loss", "data-points": loss.length }));
  f.plot.appendChild(svg("path", { d: pathOf(f, lr, sm), class: "lrh-smooth", "data-series": "smoothed", "data-points": n }));
  const sug = num(data.suggested_lr);
  const div = num(data.divergence_lr);
  // markers outside the clipped group: their labels may reach into the margin
  if (sug > 0) f.root.appendChild(vmarker(f, sug, "suggest", "suggested " + fmtLR(sug), "suggested", 0));
  if (div > 0) f.root.appendChild(vmarker(f, div, "diverge", "diverged " + fmtLR(div), "divergence", 1));
  const legend = el(
    "div",
    { class: "lrh-rt-legend" },
    el("span", { class: "lrh-key smooth", text: "smoothed loss" }),
    el("span", { class: "lrh-key raw", text: "logged loss" }),
    sug > 0 ? el("span", { class: "lrh-key suggest", text: "suggested max LR " + fmtLR(sug) }) : null,
    div > 0 ? el("span", { class: "lrh-key diverge", text: "diverged at " + fmtLR(div) }) : null
  );
  const box = el("div", { class: "lrh-rangetest", "data-testid": "rangetest-chart" }, legend);
  box.appendChild(f.root);
  container.appendChild(box);
  return box;
}
