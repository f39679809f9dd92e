// Number formatting and JSON number decoding.

// TensorBoard's JSON encoder sends NaN/Inf as the strings "NaN",
// "Infinity", "-Infinity": Number() turns them back into numbers.
export function num(x) {
  if (x === null || x === undefined || x === "") return null;
  return typeof x === "number" ? x : Number(x);
}

export function toNumbers(arr) {
  const n = arr ? arr.length : 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    out[i] = typeof v === "number" ? v : v === null ? NaN : Number(v);
  }
  return out;
}

export function fmtValue(v) {
  if (v === null || v === undefined) return "–";
  if (typeof v !== "number") v = Number(v);
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return trimExp(v.toExponential(2));
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

export function fmtLR(v) {
  if (v === null || v === undefined) return "–";
  if (typeof v !== "number") v = Number(v);
  if (!Number.isFinite(v)) return fmtValue(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 0.01 && a < 1000) return String(Number(v.toPrecision(3)));
  return trimExp(v.toExponential(2));
}

function trimExp(s) {
  // "3.00e-4" -> "3e-4", "3.10e-4" -> "3.1e-4", "1.00e+5" -> "1e5"
  const [mant, exp] = s.split("e");
  const m = mant.includes(".") ? mant.replace(/\.?0+$/, "") : mant;
  return m + "e" + String(Number(exp));
}

export function fmtStep(v) {
  if (v === null || v === undefined) return "–";
  if (typeof v !== "number") v = Number(v);
  if (!Number.isFinite(v)) return fmtValue(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(2)));
}

export function fmtRange(f, unit) {
  const s = num(f.start_step);
  const e = num(f.end_step);
  const one = num(f.step);
  const u = unit === "epoch" ? "epoch" : "step";
  if (s !== null && e !== null && s !== e) {
    return u + "s " + fmtStep(s) + "–" + fmtStep(e);
  }
  const at = one !== null ? one : s !== null ? s : e;
  return at === null ? "whole run" : u + " " + fmtStep(at);
}
