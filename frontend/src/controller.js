// Data and actions: fetching the listing and reports, the whole-run cache
// zoomed windows are spliced into, reload (button, host events, timer),
// zoom, selection. The only writer of the state; it tells the shell and the
// current view what to redraw.
import { fetchExperiments, fetchReport, fetchVerdicts, ApiError } from "./api.js";
import { spliceWindow } from "./splice.js";
import { num } from "./format.js";
import * as S from "./state.js";
import { mainMessage, emptyState } from "./views/notices.js";
import { replaceChildren } from "./dom.js";

const POINTS = 2000;

export function errorText(err) {
  if (err instanceof ApiError) return err.message;
  return String(err && err.message ? err.message : err);
}

function isAbort(err) {
  return err && err.name === "AbortError";
}

// The first time a milestone is reached (benchmarks read these marks).
function mark(name) {
  try {
    if (!performance.getEntriesByName(name).length) performance.mark(name);
  } catch (err) {
    // no User Timing API
  }
}

export class Controller {
  // views: the registry of the entry module, [{id, when(state), key(state), create(main, ctx), load(ctl, view)}]
  constructor(state, views) {
    this.state = state;
    this.views = views;
    this.view = null; // {def, key, impl}
    this.gen = 0;
    this.listGen = 0;
    this.zoomTimer = null;
    this.shell = null;
  }

  attach(shell) {
    this.shell = shell;
  }

  // ---- listing ----
  async reloadAll(opts) {
    const s = this.state;
    const quiet = opts && opts.quiet;
    if (s.loading) return;
    s.loading = true;
    s.lastReload = Date.now();
    this.shell.setBusy(true);
    try {
      try {
        const body = await fetchExperiments(s.overrides, true);
        S.setExperiments(s, Array.isArray(body.experiments) ? body.experiments : []);
        s.listError = null;
      } catch (err) {
        if (!quiet || s.experiments === null) s.listError = errorText(err);
      }
      S.reconcileSelection(s);
      S.saveSession(s);
      this.shell.renderList();
      this.shell.renderSummary();
      mark("lrh:first-list");
      if (!s.pending) mark("lrh:all-verdicts");
      const listGen = ++this.listGen;
      const view = this.loadView(true);
      if (!s.listError && s.pending) this.fillVerdicts(listGen);
      await view;
      if (!s.listError) {
        s.updatedAt = new Date();
        this.shell.renderSummary();
      }
    } finally {
      s.loading = false;
      this.shell.setBusy(false);
    }
  }

  // Verdicts not cached on the server arrive in batches: merge each, keep
  // the list worst first, and follow the worst run while the user has not
  // chosen one.
  async fillVerdicts(listGen) {
    const s = this.state;
    let failures = 0;
    while (s.pending > 0 && listGen === this.listGen) {
      let body;
      try {
        body = await fetchVerdicts(s.overrides);
      } catch (err) {
        if (++failures >= 3) {
          s.listError = errorText(err);
          this.shell.renderList();
          return;
        }
        continue;
      }
      if (listGen !== this.listGen) return;
      S.mergeVerdicts(s, Array.isArray(body.experiments) ? body.experiments : [], Number(body.pending) || 0);
      this.shell.renderList();
      this.shell.renderSummary();
      if (!s.pending) mark("lrh:all-verdicts");
      // Follow only a strictly worse status (each switch costs a report).
      const worst = s.sorted[0];
      const cur = (s.experiments || []).find((e) => e.name === s.selected);
      const worse = worst && (!cur || cur.pending || (S.STATUS_RANK[worst.status] || 0) > (S.STATUS_RANK[cur.status] || 0));
      if (s.autoSelected && worse && worst.name !== s.selected && !S.isCompare(s)) {
        s.selected = worst.name;
        s.window = null;
        s.highlight = -1;
        this.shell.renderList();
        this.loadView(false);
      }
    }
    // A verdict computed for another route meanwhile (the selected run's report, the sweep
    // view) is cached on the server and never comes back as "pending": take the rows that are
    // still pending from one more listing, which now has them all.
    if (listGen === this.listGen && !s.pending && (s.experiments || []).some((e) => e.pending)) {
      try {
        const body = await fetchExperiments(s.overrides, true);
        if (listGen !== this.listGen) return;
        const done = (Array.isArray(body.experiments) ? body.experiments : []).filter((e) => !e.pending);
        S.mergeVerdicts(s, done, 0);
        this.shell.renderList();
        this.shell.renderSummary();
      } catch (err) {
        s.listError = errorText(err);
        this.shell.renderList();
      }
    }
  }

  autoReload(minGapMs) {
    if (this.state.loading) return;
    if (Date.now() - this.state.lastReload < minGapMs) return;
    this.reloadAll({ quiet: true });
  }

  // ---- reports (with the whole-run cache zoomed windows splice into) ----
  async fetchOne(name) {
    const s = this.state;
    const win = s.window;
    let rep = S.withSortedFindings(await fetchReport(name, { points: POINTS, window: win }, s.overrides));
    if (!win) s.fullReports.set(name, rep);
    else if (s.fullReports.has(name)) rep = spliceWindow(s.fullReports.get(name), rep, win);
    return rep;
  }

  fetchMany(names) {
    return Promise.all(
      names.map((n) => this.fetchOne(n).then((r) => ({ name: n, report: r }), (err) => ({ name: n, error: errorText(err) })))
    );
  }

  // ---- the main area ----
  showMessage(title, detail, opts) {
    this.destroyView();
    replaceChildren(this.shell.main, mainMessage(title, detail, opts));
  }

  destroyView() {
    if (this.view) this.view.impl.destroy();
    this.view = null;
    this.state.viewKey = null;
  }

  // Loads what the main area shows; `keep` keeps the zoom window/highlight.
  async loadView(keep) {
    const gen = ++this.gen;
    const s = this.state;
    if (s.experiments === null) {
      this.showMessage("Cannot load experiments.", s.listError, { retry: () => this.reloadAll() });
      return;
    }
    if (s.experiments.length === 0) {
      this.destroyView();
      s.viewKey = "empty";
      replaceChildren(this.shell.main, emptyState());
      return;
    }
    const def = this.views.find((v) => v.when(s));
    if (!def) return;
    const key = def.id + ":" + def.key(s);
    const t0 = performance.now();
    if (!this.view || s.viewKey !== key) {
      s.report = null;
      s.reportError = null;
      if (this.view && this.view.def === def && this.view.impl.retarget) {
        this.view.impl.retarget(def.key(s));
      } else {
        this.destroyView();
        this.view = { def, impl: def.create(this.shell.main, this.context()) };
      }
      s.viewKey = key;
    } else if (!keep) {
      this.view.impl.setLoading(true);
    }
    const view = this.view;
    const ok = await def.load(this, () => gen === this.gen);
    if (!ok || gen !== this.gen || this.view !== view) return;
    view.impl.fill();
    // fetch + parse + draw, for benchmarks and tests
    try {
      performance.measure("lrh:view", { start: t0, end: performance.now() });
    } catch (err) {
      // old browsers: no options form of measure()
    }
  }

  // The single view's loader (views call back into the controller for data).
  async loadSingle(current) {
    const s = this.state;
    if (!s.selected) return false;
    const name = s.selected;
    try {
      const rep = await this.fetchOne(name);
      if (!current()) return false;
      s.report = rep;
      s.reportError = null;
    } catch (err) {
      if (!current() || isAbort(err)) return false;
      s.report = null;
      s.reportError = errorText(err);
    }
    return true;
  }

  async loadCompare(current) {
    const results = await this.fetchMany(S.comparedNames(this.state));
    if (!current()) return false;
    this.state.reports = new Map(results.map((r) => [r.name, r]));
    return true;
  }

  context() {
    return { state: this.state, actions: this.actions() };
  }

  actions() {
    if (!this._actions) {
      this._actions = {
        reloadAll: () => this.reloadAll(),
        setFilter: (q) => {
          this.state.filter = q;
          this.shell.renderList();
        },
        select: (name) => this.select(name),
        toggleCompare: (name, on) => this.toggleCompare(name, on),
        clearCompare: () => {
          this.state.compare.clear();
          this.afterSelectionChange();
        },
        setOverrides: (next) => this.setOverrides(next),
        zoom: (a, b) => this.zoom(a, b),
        resetZoom: () => this.resetZoom(),
        toggleHighlight: (i) => this.toggleHighlight(i),
        setSmoothing: (v, final) => {
          this.state.smoothing = v === null ? null : v;
          if (final) S.saveSession(this.state);
          else this.redraw();
        },
        setToggle: (key, on) => {
          this.state[key] = on;
          S.saveSession(this.state);
          this.redraw();
        },
      };
    }
    return this._actions;
  }

  redraw() {
    if (this.view) this.view.impl.draw();
  }

  // ---- selection ----
  select(name) {
    const s = this.state;
    if (s.selected === name && !S.isCompare(s)) return;
    s.selected = name;
    s.autoSelected = false;
    s.window = null;
    s.highlight = -1;
    if (S.isCompare(s)) s.compare.clear();
    this.afterSelectionChange();
  }

  toggleCompare(name, on) {
    const s = this.state;
    if (on) s.compare.add(name);
    else s.compare.delete(name);
    s.window = null;
    s.highlight = -1;
    this.afterSelectionChange();
  }

  afterSelectionChange() {
    S.saveSession(this.state);
    this.shell.renderList();
    this.loadView(false);
  }

  setOverrides(next) {
    const s = this.state;
    s.overrides = next;
    s.window = null;
    s.highlight = -1;
    s.fullReports.clear();
    S.saveSession(s);
    this.shell.renderMapping();
    this.destroyView();
    this.reloadAll();
  }

  toggleHighlight(i) {
    const s = this.state;
    s.highlight = s.highlight === i ? -1 : i;
    // A finding outside the zoomed window: show the whole run again.
    const f = s.highlight >= 0 && s.report ? s.report.findings[i] : null;
    const w = s.window;
    if (f && w) {
      const a = num(f.start_step) ?? num(f.step);
      const b = num(f.end_step) ?? num(f.step);
      if (a !== null && b !== null && (b < w.start || a > w.end)) this.resetZoom();
    }
    if (this.view) this.view.impl.setHighlight(s.highlight);
  }

  // ---- zoom ----
  zoom(min, max) {
    this.state.window = { start: min, end: max };
    if (this.view) {
      this.view.impl.setZoomed(true);
      this.view.impl.setXRange(min, max);
    }
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => this.loadView(true), 150);
  }

  resetZoom() {
    if (!this.state.window) return;
    this.state.window = null;
    if (this.view) this.view.impl.setZoomed(false);
    this.loadView(true);
  }
}
