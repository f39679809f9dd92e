// The plugin's JSON routes (docs/api.md), fetched relative to the iframe's
// <base href> (".../data/plugin/lr_health/").

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

const OVERRIDE_KEYS = ["lr_tag", "loss_tag", "val_loss_tag", "val_acc_tag"];

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

export function pickOverrides(data) {
  const out = {};
  if (!data) return out;
  for (const k of OVERRIDE_KEYS) {
    if (typeof data[k] === "string" && data[k] !== "") out[k] = data[k];
  }
  return out;
}

async function getJSON(path, signal) {
  let resp;
  try {
    resp = await fetch(path, { signal, headers: { Accept: "application/json" } });
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new ApiError("Cannot reach TensorBoard (" + (err && err.message ? err.message : err) + ").", 0);
  }
  let body = null;
  try {
    body = await resp.json();
  } catch (err) {
    body = null;
  }
  if (!resp.ok) {
    const msg = body && typeof body.error === "string" ? body.error : "HTTP " + resp.status;
    throw new ApiError(msg, resp.status);
  }
  if (body === null) throw new ApiError("The plugin answered with invalid JSON.", resp.status);
  return body;
}

// `pending`: the listing at once, verdicts not computed yet marked pending
// (filled by fetchVerdicts).
export function fetchExperiments(overrides, pending, signal) {
  return getJSON("./experiments" + query({ ...overrides, pending: pending ? 1 : null }), signal);
}

// The next batch of verdicts: {experiments: [...], pending: <count left>}.
export function fetchVerdicts(overrides, signal) {
  return getJSON("./verdicts" + query({ ...overrides }), signal);
}

// The verdict rules (marker kinds, evidence labels): {rules: [...]}.
export function fetchRules(signal) {
  return getJSON("./rules", signal);
}

export function fetchReport(name, opts, overrides, signal) {
  const params = { experiment: name, ...overrides };
  if (opts && opts.points) params.points = opts.points;
  if (opts && opts.window) {
    params.start = opts.window.start;
    params.end = opts.window.end;
  }
  return getJSON("./report" + query(params), signal);
}

// Issue 12: the LR sweeps of the logdir (docs/api.md).
export function fetchSweeps(overrides, signal) {
  return getJSON("./sweeps" + query({ ...overrides }), signal);
}
