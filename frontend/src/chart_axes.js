// Axis ranges and tick labels for the chart: pure functions.
import { fmtStep } from "./format.js";

// Step axis ticks: 25000 -> "25k", 1500000 -> "1.5M".
export function fmtStepTick(v) {
  const a = Math.abs(v);
  if (a >= 1e6) return Number((v / 1e6).toPrecision(3)) + "M";
  if (a >= 1e4) return Number((v / 1e3).toPrecision(3)) + "k";
  return fmtStep(v);
}

function isDecade(v) {
  if (!(v > 0)) return false;
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9;
}

// Log axes: grid lines and ticks at powers of ten only.
export function decadesOnly(u, splits) {
  return splits.map((v) => (isDecade(v) ? v : null));
}

function expForm(v) {
  if (v === 0) return "0";
  const [m, e] = v.toExponential(2).split("e");
  const mant = m.includes(".") ? m.replace(/\.?0+$/, "") : m;
  return mant + "e" + String(Number(e));
}

// One format for every label of an axis: plain numbers with the same number
// of decimals, or (when the values are very large or very small) all in
// exponent form ("1e-4", "3e-4", "1e-3"), never a mix.
export function formatTicks(values, log) {
  const shown = values.map((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v));
  const nums = shown.filter((v) => v !== null && v !== 0);
  if (!nums.length) return shown.map((v) => (v === null ? "" : "0"));
  const maxAbs = Math.max(...nums.map(Math.abs));
  const minAbs = Math.min(...nums.map(Math.abs));
  if (maxAbs >= 1e4 || minAbs < 1e-3) return shown.map((v) => (v === null ? "" : expForm(v)));
  // Log axes: each label as short as it is exact (0.001, 0.01, 0.1, 1, 10).
  if (log) return shown.map((v) => (v === null ? "" : String(Number(v.toPrecision(3)))));
  // Linear axes: the same number of decimals on every label, enough for
  // the tick step (0.25 -> 2 decimals).
  let decimals = 0;
  while (decimals < 6 && nums.some((v) => Math.abs(Math.round(v * 10 ** decimals) - v * 10 ** decimals) > 1e-6 * 10 ** decimals)) decimals++;
  return shown.map((v) => (v === null ? "" : v.toFixed(decimals)));
}

// Which log-axis splits get a label: decades when the axis spans two or
// more of them, else 1-2-5 multiples (so a short range is still labelled).
export function logLabelled(splits, min, max) {
  const span = Math.log10(max / min);
  return splits.map((v) => {
    if (!(v > 0)) return null;
    if (isDecade(v)) return v;
    if (span >= 2) return null;
    const m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6 ? v : null;
  });
}

export function linRange(min, max, cap) {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (cap !== undefined && cap !== null && max > cap) max = cap;
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    return [min - d, max + d];
  }
  const pad = (max - min) * 0.05;
  const lo = min >= 0 && min - pad < 0 ? 0 : min - pad;
  return [lo, max + pad];
}

// Decade bounds with a margin, so a constant or nearly constant series is
// drawn well inside the plot (never on its bottom or top edge).
const LOG_MARGIN = 0.15; // decades kept free above and below the data
export function logRange(min, max, cap) {
  if (min === null || max === null || !(min > 0) || !(max > 0)) return [1e-4, 1];
  const capped = cap && max > cap;
  if (capped) max = cap; // the curve leaves the axis anyway: no margin on top
  const lo = Math.pow(10, Math.floor(Math.log10(min) - LOG_MARGIN));
  const hi = Math.pow(10, Math.ceil(Math.log10(max) + (capped ? -1e-9 : LOG_MARGIN)));
  return [lo, hi];
}
