// The panel's one state object: everything the views draw from lives here
// (no loose fields elsewhere). Pure functions over it; the controller is the
// only writer.

import { pickOverrides } from "./api.js";
import { colors } from "./theme.js";

export const STATUS_RANK = { critical: 2, warning: 1, healthy: 0 };
export const SEV_RANK = { critical: 2, warning: 1, info: 0 };
const STORAGE_KEY = "lr_health.state";

export function createState() {
  return {
    // listing
    experiments: null, // as served, in name order
    sorted: [], // worst first: computed once per listing (setExperiments)
    listError: null,
    pending: 0, // experiments whose verdict is still being computed
    autoSelected: false, // the selection is ours (worst first), not the user's
    colors: new Map(), // experiment name -> index of its compare colour
    rules: null, // kind -> rule from the rules route (markers, evidence labels)
    rulesOrder: [],
    // selection and view options
    selected: null,
    compare: new Set(),
    filter: "",
    smoothing: null, // null: chosen from the point density (autoSmoothing)
    logLR: true,
    logLoss: null, // null: automatic (log when the loss spans > 2 decades)
    window: null, // zoom {start, end} or null
    highlight: -1, // index into the selected report's sorted findings
    overrides: {},
    // reports
    report: null, // the single view's report (findings sorted once)
    reportError: null,
    fullReport: null, // whole-run report the zoomed windows are spliced into
    reports: new Map(), // compare view: name -> {name, report} | {name, error}
    fullReports: new Map(),
    // bookkeeping
    viewKey: null,
    loading: false,
    lastReload: 0,
    updatedAt: null,
  };
}

export function isCompare(state) {
  return state.compare.size >= 2;
}

// The badge text: "no data" rather than "healthy" when no loss series was
// found at all (nothing was judged), e.g. a run that logged only the LR.
export function badgeStatus(e) {
  const status = statusOf(e);
  const roles = e.roles || {};
  if (status === "healthy" && !roles.train_loss && !roles.val_loss) return "no data";
  return status;
}

export function statusOf(e) {
  return e && e.status in STATUS_RANK ? e.status : "healthy";
}

export function severityOf(f) {
  return f && f.severity in SEV_RANK ? f.severity : "info";
}

function byWorst(a, b) {
  const p = (a.pending && !a.status ? 1 : 0) - (b.pending && !b.status ? 1 : 0);
  if (p) return p; // not judged yet: last
  const r = (STATUS_RANK[b.status] || 0) - (STATUS_RANK[a.status] || 0);
  if (r) return r;
  const ca = a.counts || {};
  const cb = b.counts || {};
  const c = (cb.critical || 0) - (ca.critical || 0) || (cb.warning || 0) - (ca.warning || 0);
  if (c) return c;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

// A new listing: sort it once (worst first) and give new names a colour
// (in name order, so colours do not depend on the verdicts).
export function setExperiments(state, list) {
  // A verdict being recomputed keeps the previous one meanwhile.
  const old = new Map((state.experiments || []).map((e) => [e.name, e]));
  list = list.map((e) => {
    const prev = e.pending ? old.get(e.name) : null;
    return prev && prev.status ? { ...prev, ...e, status: prev.status, counts: prev.counts, top_finding: prev.top_finding, notes: prev.notes } : e;
  });
  state.experiments = list;
  state.pending = list.filter((e) => e.pending).length;
  state.sorted = [...list].sort(byWorst);
  for (const e of [...list].sort((a, b) => (a.name < b.name ? -1 : 1))) colorOf(state, e.name);
}

// A batch of verdicts from the verdicts route: replace those entries, sort once.
export function mergeVerdicts(state, done, pending) {
  const by = new Map(done.map((e) => [e.name, e]));
  const list = (state.experiments || []).map((e) => by.get(e.name) || e);
  state.experiments = list;
  state.sorted = [...list].sort(byWorst);
  state.pending = pending;
}

export function colorOf(state, name) {
  if (!state.colors.has(name)) state.colors.set(name, state.colors.size);
  const pal = colors().palette;
  return pal[state.colors.get(name) % pal.length];
}

// {kind: rule} from the rules route's list.
export function setRules(state, list) {
  const by = {};
  for (const r of Array.isArray(list) ? list : []) if (r && typeof r.kind === "string") by[r.kind] = r;
  state.rules = by;
}

// {kind: "point" | "line" | "band" | "none"} for the chart overlay, or null.
export function markerTable(state) {
  if (!state.rules) return null;
  const out = {};
  for (const [k, r] of Object.entries(state.rules)) out[k] = r.marker || "band";
  return out;
}

// Findings worst first, once per report (the views and the highlight index
// read this order).
export function withSortedFindings(rep) {
  const list = Array.isArray(rep.findings) ? rep.findings : [];
  const findings = list
    .map((f, i) => [f, i])
    .sort((a, b) => (SEV_RANK[b[0].severity] || 0) - (SEV_RANK[a[0].severity] || 0) || a[1] - b[1])
    .map((x) => x[0]);
  return { ...rep, findings };
}

export function reconcileSelection(state) {
  const names = new Set((state.experiments || []).map((e) => e.name));
  for (const n of [...state.compare]) if (!names.has(n)) state.compare.delete(n);
  if (!names.has(state.selected)) {
    const first = state.sorted[0];
    state.selected = first ? first.name : null;
    state.autoSelected = true;
    state.window = null;
    state.highlight = -1;
  }
}

export function filtered(state) {
  const q = state.filter.trim().toLowerCase();
  if (!q) return state.sorted;
  return state.sorted.filter(
    (e) => e.name.toLowerCase().includes(q) || (e.runs || []).some((r) => String(r).toLowerCase().includes(q))
  );
}

// The compared names, worst first.
export function comparedNames(state) {
  return state.sorted.map((e) => e.name).filter((n) => state.compare.has(n));
}

// ---- persistence (selection survives a tab switch / iframe reload) ----
export function restoreSession(state) {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return;
    const s = JSON.parse(raw);
    if (typeof s.selected === "string") state.selected = s.selected;
    if (Array.isArray(s.compare)) state.compare = new Set(s.compare.filter((x) => typeof x === "string"));
    if (typeof s.smoothing === "number" || s.smoothing === null) state.smoothing = s.smoothing;
    if (typeof s.logLR === "boolean") state.logLR = s.logLR;
    if (typeof s.logLoss === "boolean" || s.logLoss === null) state.logLoss = s.logLoss;
    if (s.overrides && typeof s.overrides === "object") state.overrides = pickOverrides(s.overrides);
  } catch (err) {
    // storage unavailable or corrupt: start fresh
  }
}

export function saveSession(state) {
  try {
    const s = state;
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ selected: s.selected, compare: [...s.compare], smoothing: s.smoothing, logLR: s.logLR, logLoss: s.logLoss, overrides: s.overrides })
    );
  } catch (err) {
    // ignore
  }
}
