// Chart specs from reports: which series are drawn, in which colour, on
// which axis, smoothed how. Pure functions (no DOM, no state writes).

import { emaDebiased } from "./smooth.js";
import { toNumbers, fmtLR } from "./format.js";

export const COLORS = {
  train: "#1a73e8",
  val: "#e8710a",
  fine: "rgba(26,115,232,0.35)",
  lr: "#188038",
  extraLr: ["#81c995", "#34a853", "#0d652d", "#a8dab5"],
};

export function fade(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
}

export function seriesOf(s) {
  if (!s || !Array.isArray(s.steps)) return null;
  return { steps: toNumbers(s.steps), values: toNumbers(s.values), meta: s };
}

// Mean step spacing of a series (Infinity when it has fewer than 2 points).
function spacing(steps) {
  const n = steps.length;
  return n >= 2 ? (steps[n - 1] - steps[0]) / (n - 1) : Infinity;
}

export function denseSpacing(list) {
  let best = Infinity;
  for (const d of list) if (d) best = Math.min(best, spacing(d.steps));
  return best;
}

// The slider's weight is per point of the densest loss series; a sparser
// series (validation every N steps) gets w^(its spacing / the dense spacing)
// so both are smoothed over the same number of steps instead of the sparse
// one lagging far behind (which would misplace the best validation step).
export function stepWeight(w, steps, ref) {
  if (!(w > 0)) return 0;
  const sp = spacing(steps);
  if (!Number.isFinite(sp) || !Number.isFinite(ref) || ref <= 0) return w;
  return Math.pow(w, Math.max(1, sp / ref));
}

// The user's choice, else log when the drawn losses span more than two
// decades (a diverging run would flatten everything else on a linear axis).
export function autoLogLoss(series, choice) {
  if (choice !== null && choice !== undefined) return choice;
  let lo = Infinity;
  let hi = -Infinity;
  let nonPositive = false;
  for (const x of series) {
    if (x.scale !== "loss") continue;
    for (const v of x.values) {
      if (!Number.isFinite(v)) continue;
      if (v <= 0) nonPositive = true;
      else {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return !nonPositive && hi / lo > 100;
}

// Series specs for the single experiment's overlay chart.
export function singleSpec(rep, state) {
  const ser = rep.series || {};
  const out = [];
  const spacingRef = denseSpacing([ser.train_loss, ser.val_loss].map(seriesOf));
  const addLoss = (raw, label, color) => {
    const d = seriesOf(raw);
    if (!d) return;
    const w = stepWeight(state.smoothing, d.steps, spacingRef);
    if (w > 0.02) {
      out.push({ label: label + " (raw)", color: fade(color, 0.25), scale: "loss", steps: d.steps, values: d.values, width: 1, legend: false });
      out.push({ label, color, scale: "loss", steps: d.steps, values: emaDebiased(d.values, w), raw: d.values, width: 1.75 });
    } else {
      out.push({ label, color, scale: "loss", steps: d.steps, values: d.values, width: 1.5 });
    }
  };
  const fine = seriesOf(ser.train_loss_fine);
  if (fine) out.push({ label: "train loss (batch)", color: COLORS.fine, scale: "loss", steps: fine.steps, values: fine.values, width: 1 });
  addLoss(ser.train_loss, "train loss", COLORS.train);
  addLoss(ser.val_loss, "val loss", COLORS.val);
  const lr = seriesOf(ser.lr);
  if (lr) out.push({ label: "LR", color: COLORS.lr, scale: "lr", steps: lr.steps, values: lr.values, width: 2, fmt: fmtLR, title: lr.meta.tag });
  (Array.isArray(ser.extra_lrs) ? ser.extra_lrs : []).forEach((x, i) => {
    const d = seriesOf(x);
    if (!d) return;
    const label = String(x.key || x.tag || "LR " + (i + 2));
    out.push({ label, color: COLORS.extraLr[i % COLORS.extraLr.length], scale: "lr", steps: d.steps, values: d.values, width: 1.25, dash: [5, 4], fmt: fmtLR });
  });
  const scales = {};
  if (out.some((x) => x.scale === "loss")) scales.loss = { label: "loss", log: autoLogLoss(out, state.logLoss) };
  if (out.some((x) => x.scale === "lr")) scales.lr = { label: "learning rate", log: state.logLR, fmt: fmtLR, color: COLORS.lr };
  return {
    xLabel: rep.step_unit === "epoch" ? "epoch" : "step",
    series: out,
    scales,
    findings: rep.findings,
    window: state.window,
    emptyText: "This experiment has no loss or learning-rate series to draw.",
  };
}

// The compare view's two charts (LR, loss) over the loaded reports.
export function compareSpecs(entries, state, colorOf) {
  const lrSeries = [];
  const lossSeries = [];
  let unit = "step";
  for (const entry of entries) {
    if (entry.error) continue;
    const { name, report: rep } = entry;
    const color = colorOf(name);
    const ser = rep.series || {};
    if (rep.step_unit === "epoch") unit = "epoch";
    const lr = seriesOf(ser.lr);
    if (lr) lrSeries.push({ label: name, color, scale: "lr", steps: lr.steps, values: lr.values, width: 1.75, fmt: fmtLR });
    const ref = denseSpacing([seriesOf(ser.train_loss), seriesOf(ser.val_loss)]);
    for (const [key, dash, suffix] of [["train_loss", null, " train"], ["val_loss", [6, 4], " val"]]) {
      const d = seriesOf(ser[key]);
      if (!d) continue;
      const w = stepWeight(state.smoothing, d.steps, ref);
      const values = w > 0.02 ? emaDebiased(d.values, w) : d.values;
      lossSeries.push({ label: name + suffix, color, scale: "loss", steps: d.steps, values, raw: d.values, width: 1.75, dash });
    }
  }
  return {
    lr: { xLabel: unit, series: lrSeries, scales: { lr: { label: "learning rate", log: state.logLR, fmt: fmtLR } }, findings: [], window: state.window, emptyText: "None of these experiments logs a learning rate." },
    loss: { xLabel: unit, series: lossSeries, scales: { loss: { label: "loss", log: autoLogLoss(lossSeries, state.logLoss) } }, findings: [], window: state.window, emptyText: "None of these experiments logs a loss." },
  };
}
