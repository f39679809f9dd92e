// Chart specs from reports: which series are drawn, in which colour, on
// which axis, smoothed how, where the loss axis is clamped. Pure functions
// (no DOM writes, no state writes).

import { emaDebiased } from "./smooth.js";
import { toNumbers, fmtLR, num } from "./format.js";
import { colors } from "./theme.js";
import { markerTable } from "./state.js";

export function fade(color, alpha) {
  if (color.startsWith("rgba")) return color;
  const n = parseInt(color.slice(1), 16);
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

// Default smoothing from the point density: TensorBoard's 0.6 is meant for
// dense per-step data; on a few dozen epoch points it lags by several epochs
// (a smoothed train loss above the validation loss while the raw curves show
// the opposite). None up to 50 points, 0.6 from 1000, log-linear between.
export function autoSmoothing(points) {
  if (!(points > 50)) return 0;
  if (points >= 1000) return 0.6;
  return Math.round(60 * Math.log(points / 50) / Math.log(1000 / 50)) / 100;
}

export function smoothingFor(state, lossSeries) {
  if (state.smoothing !== null && state.smoothing !== undefined) return state.smoothing;
  let n = 0;
  for (const d of lossSeries) if (d) n = Math.max(n, d.steps.length);
  return autoSmoothing(n);
}

// The user's choice, else log when the drawn losses span more than two
// decades (values above `cap` do not count: they are off scale).
export function autoLogLoss(series, choice, cap) {
  if (choice !== null && choice !== undefined) return choice;
  let lo = Infinity;
  let hi = -Infinity;
  let nonPositive = false;
  for (const x of series) {
    if (x.scale !== "loss") continue;
    for (const v of x.values) {
      if (!Number.isFinite(v) || (cap && v > cap)) continue;
      if (v <= 0) nonPositive = true;
      else {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return !nonPositive && hi / lo > 100;
}

const CLAMP_FACTOR = 3; // the loss axis ends at 3x the largest value before divergence

// A diverging loss (1e19) would squeeze the training before it into the
// bottom of the axis: keep the axis up to a few times the pre-divergence
// maximum and mark where each curve leaves it. `divAt` per series: the
// step its run diverged at (or null).
export function lossClamp(series) {
  let pre = -Infinity;
  let top = -Infinity;
  let diverged = false;
  for (const s of series) {
    const vals = s.raw || s.values;
    const d = s.divAt;
    if (d !== null && d !== undefined) diverged = true;
    const onset = explosionOnset(s.steps, vals, d);
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (!Number.isFinite(v)) continue;
      if (v > top) top = v;
      if (i < onset && v > pre) pre = v;
    }
  }
  if (!diverged || !Number.isFinite(pre) || pre <= 0) return { cap: null, offscale: [] };
  const cap = pre * CLAMP_FACTOR;
  if (!(top > cap)) return { cap: null, offscale: [] };
  const offscale = [];
  for (const s of series) {
    const vals = s.raw || s.values;
    for (let i = 0; i < vals.length; i++) {
      if (vals[i] > cap) {
        offscale.push({ step: s.steps[i], text: s.label + " leaves the axis here (up to " + fmtLR(maxOf(vals)) + ")", color: s.offColor || null });
        break;
      }
    }
  }
  // one mark per run (the earliest), not one per series
  const byColor = new Map();
  for (const m of offscale.sort((a, b) => a.step - b.step)) if (!byColor.has(m.color)) byColor.set(m.color, m);
  return { cap, offscale: [...byColor.values()] };
}

const EXPLODED = 10; // a value this many times the lowest so far is part of the explosion

// Index where the final climb before the divergence step starts: walking
// back from that step, the values that stay above EXPLODED x the running
// minimum belong to the explosion (the NaN often comes after the curve has
// already left every sensible range).
function explosionOnset(steps, vals, divAt) {
  const n = vals.length;
  let end = 0;
  while (end < n && (divAt === null || divAt === undefined || steps[end] < divAt)) end++;
  if (divAt === null || divAt === undefined) return end;
  const prefixMin = new Float64Array(end);
  let m = Infinity;
  for (let i = 0; i < end; i++) {
    if (Number.isFinite(vals[i]) && vals[i] < m) m = vals[i];
    prefixMin[i] = m;
  }
  let k = end - 1;
  while (k > 0 && !(Number.isFinite(vals[k]) && prefixMin[k] > 0 && vals[k] <= EXPLODED * prefixMin[k])) k--;
  return k + 1;
}

function maxOf(vals) {
  let m = -Infinity;
  for (const v of vals) if (Number.isFinite(v) && v > m) m = v;
  return m;
}

export function divergenceStep(findings) {
  const f = (findings || []).find((x) => x.kind === "divergence");
  if (!f) return null;
  const at = num(f.step) ?? num(f.start_step);
  return at !== null && Number.isFinite(at) ? at : null;
}

// Stretches [first, last] step where an LR series is exactly 0.
export function zeroRanges(d) {
  const out = [];
  let start = null;
  let last = null;
  for (let i = 0; i < d.values.length; i++) {
    if (d.values[i] === 0) {
      if (start === null) start = d.steps[i];
      last = d.steps[i];
    } else if (start !== null) {
      out.push([start, d.steps[i]]); // zero until the next logged value
      start = null;
    }
  }
  if (start !== null) out.push([start, last]);
  return out;
}

// Short legend names for LR series: the granularity when the tag says it
// ("LR (per batch)", "LR (per epoch)"), else the tag's last part.
export function lrLabel(meta, qualify) {
  const tag = String((meta && meta.tag) || "");
  if (!qualify) return "LR";
  if (/epoch/i.test(tag)) return "LR (per epoch)";
  if (/batch|step|iter/i.test(tag)) return "LR (per batch)";
  const parts = tag.split("/").filter(Boolean);
  const tail = parts.slice(-2).join("/") || "LR";
  return "LR " + (tail.length > 22 ? "…" + tail.slice(-21) : tail);
}

function extentOf(series) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if (!s.steps.length) continue;
    lo = Math.min(lo, s.steps[0]);
    hi = Math.max(hi, s.steps[s.steps.length - 1]);
  }
  return Number.isFinite(lo) ? [lo, hi] : null;
}

const SPARSE = 60; // fewer points than this: draw the raw points as dots

// Series specs for the single experiment's overlay chart.
export function singleSpec(rep, state, opts) {
  const c = colors();
  const ser = rep.series || {};
  const out = [];
  const losses = [ser.train_loss, ser.val_loss].map(seriesOf);
  const spacingRef = denseSpacing(losses);
  const weight = smoothingFor(state, losses);
  const divAt = divergenceStep(rep.findings);
  const addLoss = (d, label, color) => {
    if (!d) return;
    const w = stepWeight(weight, d.steps, spacingRef);
    const sparse = d.steps.length < SPARSE;
    if (w > 0.02) {
      // the raw curve stays visible under the smoothed one
      out.push({ label: label + " (raw)", color: fade(color, 0.4), scale: "loss", steps: d.steps, values: d.values, width: 1, legend: false, points: sparse, divAt });
      out.push({ label, color, scale: "loss", steps: d.steps, values: emaDebiased(d.values, w), raw: d.values, width: 1.75, divAt, title: d.meta.tag });
    } else {
      out.push({ label, color, scale: "loss", steps: d.steps, values: d.values, width: 1.5, points: sparse, divAt, title: d.meta.tag });
    }
  };
  const fine = seriesOf(ser.train_loss_fine);
  if (fine) out.push({ label: "train loss (batch)", color: c.fine, scale: "loss", steps: fine.steps, values: fine.values, width: 1, divAt, title: fine.meta.tag });
  addLoss(losses[0], fine ? "train loss (epoch)" : "train loss", c.train);
  addLoss(losses[1], "val loss", c.val);
  const lr = seriesOf(ser.lr);
  const extras = (Array.isArray(ser.extra_lrs) ? ser.extra_lrs : []).map(seriesOf).filter(Boolean);
  let zeroLR = [];
  if (lr) {
    out.push({ label: lrLabel(lr.meta, extras.length > 0), color: c.lr, scale: "lr", steps: lr.steps, values: lr.values, width: 2, fmt: fmtLR, title: lr.meta.tag, stepped: true });
    zeroLR = zeroRanges(lr);
  }
  extras.forEach((d, i) => {
    out.push({ label: lrLabel(d.meta, true), color: c.extraLr[i % c.extraLr.length], scale: "lr", steps: d.steps, values: d.values, width: 1.25, dash: [5, 4], fmt: fmtLR, title: String(d.meta.key || d.meta.tag || ""), stepped: true });
  });
  const clamp = lossClamp(out.filter((x) => x.scale === "loss" && x.legend !== false));
  const scales = {};
  if (out.some((x) => x.scale === "loss")) scales.loss = { label: "loss", log: autoLogLoss(out, state.logLoss, clamp.cap), max: clamp.cap };
  if (out.some((x) => x.scale === "lr")) scales.lr = { label: "learning rate", log: state.logLR, color: c.lr };
  const skip = opts && opts.withoutKinds ? new Set(opts.withoutKinds) : null;
  return {
    xLabel: rep.step_unit === "epoch" ? "epoch" : "step",
    series: out,
    scales,
    findings: skip ? rep.findings.map((f) => (skip.has(f.kind) ? { ...f, hidden: true } : f)) : rep.findings,
    markers: markerTable(state),
    extent: extentOf(out),
    offscale: clamp.offscale,
    zeroLR,
    smoothing: weight,
    window: state.window,
    emptyText: "This experiment has no loss or learning-rate series to draw.",
  };
}

// A finding as the accuracy chart draws it: an accuracy drop where it is; an overfitting
// finding that carries the accuracy's decline (the drop folded into it) at the accuracy's
// best, where the decline starts; everything else on the loss chart only (hidden here, kept
// in place so the finding indices still match the list).
export function accuracyFinding(f) {
  if (f.kind === "accuracy_drop") return f;
  const best = f.kind === "overfitting" && f.evidence ? num(f.evidence.best_val_acc_step) : null;
  if (best !== null && Number.isFinite(best)) return { ...f, step: best, start_step: null, end_step: null, label: "acc drop" };
  return { ...f, hidden: true };
}

// The accuracy chart under the loss (null when the run logged no accuracy).
export function accuracySpec(rep, state) {
  const c = colors();
  const ser = rep.series || {};
  const out = [];
  const va = seriesOf(ser.val_acc);
  const ta = seriesOf(ser.train_acc);
  if (ta) out.push({ label: "train acc", color: c.train, scale: "acc", steps: ta.steps, values: ta.values, width: 1.5, points: ta.steps.length < SPARSE, title: ta.meta.tag });
  // a detection score (mAP / AP) stands in for the accuracy: it is named, not called one
  const score = va && typeof va.meta.score === "string" ? va.meta.score : "";
  if (va) out.push({ label: score ? "val " + score : "val acc", color: c.val, scale: "acc", steps: va.steps, values: va.values, width: 1.5, points: va.steps.length < SPARSE, title: va.meta.tag });
  if (!out.length) return null;
  return {
    xLabel: rep.step_unit === "epoch" ? "epoch" : "step",
    series: out,
    scales: { acc: { label: score && !ta ? score : "accuracy", log: false } },
    findings: rep.findings.map(accuracyFinding),
    markers: markerTable(state),
    extent: extentOf(out),
    window: state.window,
    emptyText: "",
  };
}

// Each run's key markers (divergence, spikes, best validation step) in its
// colour, for the compare charts.
function compareMarkers(name, rep, color, markers) {
  const out = [];
  for (const f of rep.findings) {
    if (f.severity !== "critical" && f.severity !== "warning") continue;
    const type = (markers && markers[f.kind]) || { divergence: "point", loss_spike: "point", overfitting: "line", accuracy_drop: "line" }[f.kind];
    if (type !== "point" && type !== "line") continue;
    out.push({ ...f, start_step: null, end_step: null, step: num(f.step) ?? num(f.start_step), color, run: name, label: name + ": " + ({ divergence: "diverged", loss_spike: "spike", overfitting: "best val", accuracy_drop: "acc drop" }[f.kind] || f.kind) });
    if (out.length >= 3) break;
  }
  return out;
}

// The compare view's two charts (LR, loss) over the loaded reports.
export function compareSpecs(entries, state, colorOf) {
  const lrSeries = [];
  const lossSeries = [];
  const findings = [];
  const markers = markerTable(state);
  let unit = "step";
  for (const entry of entries) {
    if (entry.error) continue;
    const { name, report: rep } = entry;
    const color = colorOf(name);
    const ser = rep.series || {};
    if (rep.step_unit === "epoch") unit = "epoch";
    const lr = seriesOf(ser.lr);
    if (lr) lrSeries.push({ label: name, color, scale: "lr", steps: lr.steps, values: lr.values, width: 1.75, fmt: fmtLR, stepped: true });
    const losses = [seriesOf(ser.train_loss), seriesOf(ser.val_loss)];
    const ref = denseSpacing(losses);
    const weight = smoothingFor(state, losses);
    const divAt = divergenceStep(rep.findings);
    [["train_loss", null, " train"], ["val_loss", [6, 4], " val"]].forEach(([, dash, suffix], k) => {
      const d = losses[k];
      if (!d) return;
      const w = stepWeight(weight, d.steps, ref);
      const values = w > 0.02 ? emaDebiased(d.values, w) : d.values;
      lossSeries.push({ label: name + suffix, color, scale: "loss", steps: d.steps, values, raw: d.values, width: 1.75, dash, divAt, offColor: color });
    });
    findings.push(...compareMarkers(name, rep, color, markers));
  }
  const clamp = lossClamp(lossSeries);
  const base = { xLabel: unit, window: state.window, markers: { divergence: "point", loss_spike: "point", overfitting: "line", accuracy_drop: "line", ...(markers || {}) } };
  return {
    lr: { ...base, series: lrSeries, scales: { lr: { label: "learning rate", log: state.logLR } }, findings: [], extent: extentOf(lrSeries), zeroLR: [], emptyText: "None of these experiments logs a learning rate." },
    loss: { ...base, series: lossSeries, scales: { loss: { label: "loss", log: autoLogLoss(lossSeries, state.logLoss, clamp.cap), max: clamp.cap } }, findings, extent: extentOf(lossSeries), offscale: clamp.offscale, emptyText: "None of these experiments logs a loss." },
  };
}
