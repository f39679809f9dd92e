// Builds uPlot's aligned data (one shared x array) from series that each have
// their own sorted steps. O(total points · log) and no per-point objects.

export function unionSteps(stepArrays) {
  let total = 0;
  for (const s of stepArrays) total += s.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const s of stepArrays) {
    all.set(s, k);
    k += s.length;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i];
  }
  return all.slice(0, m);
}

// Values of one series on the shared axis `xs` (null where it has no point).
// `keep(v)` decides which values are drawable (e.g. > 0 on a log axis).
export function alignTo(xs, steps, values, keep) {
  const out = new Array(xs.length).fill(null);
  let j = 0;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    while (j < xs.length && xs[j] < s) j++;
    if (j >= xs.length) break;
    if (xs[j] === s) {
      const v = values[i];
      out[j] = keep(v) ? v : null;
    }
  }
  return out;
}

// Index of the last point with step <= x, or -1.
export function indexAtOrBefore(steps, x) {
  let lo = 0;
  let hi = steps.length - 1;
  if (hi < 0 || x < steps[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
