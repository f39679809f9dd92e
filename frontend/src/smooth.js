// TensorBoard-style smoothing: exponential moving average with debiasing.
// Non-finite values pass through unchanged and do not enter the average,
// so a NaN at divergence stays visible instead of poisoning the curve.
export function emaDebiased(values, weight) {
  const n = values.length;
  const out = new Float64Array(n);
  if (!(weight > 0)) {
    out.set(values);
    return out;
  }
  const w = Math.min(weight, 0.999);
  let last = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    count++;
    const debias = 1 - Math.pow(w, count);
    out[i] = last / debias;
  }
  return out;
}
