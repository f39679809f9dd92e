import { num } from "./format.js";

// A zoomed report has full resolution inside [start, end] only: splice it
// into the whole-run series so lines run on past the edges and the smoothing
// carries its state into the window.
function spliceSeries(full, part, win) {
  if (!full || !part || !Array.isArray(full.steps) || !Array.isArray(part.steps)) return part || full;
  const steps = [];
  const values = [];
  const n = part.steps.length;
  const lo = n ? Math.min(win.start, num(part.steps[0])) : win.start;
  const hi = n ? Math.max(win.end, num(part.steps[n - 1])) : win.end;
  for (let i = 0; i < full.steps.length; i++) {
    if (num(full.steps[i]) < lo) {
      steps.push(full.steps[i]);
      values.push(full.values[i]);
    }
  }
  for (let i = 0; i < part.steps.length; i++) {
    steps.push(part.steps[i]);
    values.push(part.values[i]);
  }
  for (let i = 0; i < full.steps.length; i++) {
    if (num(full.steps[i]) > hi) {
      steps.push(full.steps[i]);
      values.push(full.values[i]);
    }
  }
  return { ...part, steps, values };
}

export function spliceWindow(full, part, win) {
  const fs = full.series || {};
  const ps = part.series || {};
  const series = { ...ps };
  for (const key of ["lr", "train_loss", "val_loss", "val_acc", "train_acc", "train_loss_fine"]) {
    if (ps[key] || fs[key]) series[key] = spliceSeries(fs[key], ps[key], win);
  }
  if (Array.isArray(ps.extra_lrs) && Array.isArray(fs.extra_lrs)) {
    series.extra_lrs = ps.extra_lrs.map((x) => spliceSeries(fs.extra_lrs.find((y) => y.key === x.key), x, win));
  }
  return { ...part, series };
}

