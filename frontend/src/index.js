// LR Health panel: entry point loaded by TensorBoard's plugin iframe.
// TensorBoard calls render() once; everything else is driven from here.

import "uplot/dist/uPlot.min.css";
import "./style.css";
import { el, clear, replaceChildren } from "./dom.js";
import { fetchExperiments, fetchReport, pickOverrides, ApiError } from "./api.js";
import { Chart } from "./chart.js";
import { emaDebiased } from "./smooth.js";
import { toNumbers, fmtValue, fmtLR, fmtRange, num } from "./format.js";
import { HostLink } from "./ipc.js";
import { loggingHelp } from "./help.js";
import { spliceWindow } from "./splice.js";

const PLUGIN = "lr_health";
const RELOAD_MS = 30000;
const STATUS_RANK = { critical: 2, warning: 1, healthy: 0 };

// The badge text: "no data" rather than "healthy" when no loss series was
// found at all (nothing was judged), e.g. a run that logged only the LR.
function badgeStatus(e) {
  const status = e.status in STATUS_RANK ? e.status : "healthy";
  const roles = e.roles || {};
  if (status === "healthy" && !roles.train_loss && !roles.val_loss) return "no data";
  return status;
}
const SEV_RANK = { critical: 2, warning: 1, info: 0 };
const COLORS = {
  train: "#1a73e8",
  val: "#e8710a",
  fine: "rgba(26,115,232,0.35)",
  lr: "#188038",
  extraLr: ["#81c995", "#34a853", "#0d652d", "#a8dab5"],
};
const PALETTE = [
  "#1a73e8", "#d93025", "#188038", "#9334e6", "#e8710a",
  "#12b5cb", "#795548", "#e52592", "#5f6368", "#b0a000",
];

function fade(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
}

function errorText(err) {
  if (err instanceof ApiError) return err.message;
  return String(err && err.message ? err.message : err);
}

function isAbort(err) {
  return err && err.name === "AbortError";
}

function seriesOf(s) {
  if (!s || !Array.isArray(s.steps)) return null;
  return { steps: toNumbers(s.steps), values: toNumbers(s.values), meta: s };
}

function findingSort(a, b) {
  return (SEV_RANK[b.severity] || 0) - (SEV_RANK[a.severity] || 0);
}

class App {
  constructor(root) {
    this.root = root;
    this.state = {
      experiments: null,
      listError: null,
      selected: null,
      compare: new Set(),
      filter: "",
      smoothing: 0.6,
      logLR: true,
      logLoss: null, // null: automatic (log when the loss spans > 2 decades)
      window: null,
      highlight: -1,
      overrides: {},
    };
    this.colorOf = new Map();
    this.report = null;
    this.reportError = null;
    this.reports = new Map();
    this.charts = [];
    this.gen = 0;
    this.viewKey = null;
    this.lastReload = 0;
    this.loading = false;
    this.restoreSession();
    this.build();
  }

  // ---- persistence (selection survives a tab switch / iframe reload) ----
  restoreSession() {
    try {
      const raw = sessionStorage.getItem("lr_health.state");
      if (!raw) return;
      const s = JSON.parse(raw);
      if (typeof s.selected === "string") this.state.selected = s.selected;
      if (Array.isArray(s.compare)) this.state.compare = new Set(s.compare.filter((x) => typeof x === "string"));
      if (typeof s.smoothing === "number") this.state.smoothing = s.smoothing;
      if (typeof s.logLR === "boolean") this.state.logLR = s.logLR;
      if (typeof s.logLoss === "boolean" || s.logLoss === null) this.state.logLoss = s.logLoss;
      if (s.overrides && typeof s.overrides === "object") this.state.overrides = pickOverrides(s.overrides);
    } catch (err) {
      // storage unavailable or corrupt: start fresh
    }
  }

  saveSession() {
    try {
      const s = this.state;
      sessionStorage.setItem(
        "lr_health.state",
        JSON.stringify({ selected: s.selected, compare: [...s.compare], smoothing: s.smoothing, logLR: s.logLR, logLoss: s.logLoss, overrides: s.overrides })
      );
    } catch (err) {
      // ignore
    }
  }

  // ---- layout ----
  build() {
    this.summaryEl = el("span", { class: "lrh-summary" });
    this.updatedEl = el("span", { class: "lrh-updated" });
    this.reloadBtn = el("button", {
      class: "lrh-btn",
      type: "button",
      title: "Reload data",
      "data-testid": "reload",
      text: "Reload",
      onclick: () => this.reloadAll(),
    });
    const top = el(
      "header",
      { class: "lrh-top" },
      el("span", { class: "lrh-title", text: "LR Health" }),
      this.summaryEl,
      el("span", { class: "lrh-spacer" }),
      this.updatedEl,
      this.reloadBtn
    );
    this.filterInput = el("input", {
      class: "lrh-filter",
      type: "search",
      placeholder: "Filter experiments",
      "aria-label": "Filter experiments",
      oninput: () => {
        this.state.filter = this.filterInput.value;
        this.renderList();
      },
    });
    this.listEl = el("div", { class: "lrh-list", role: "listbox", "aria-label": "Experiments" });
    this.compareBar = el("div", { class: "lrh-comparebar" });
    this.mappingEl = el("details", { class: "lrh-mapping" });
    const side = el("aside", { class: "lrh-side" }, this.filterInput, this.compareBar, this.listEl, this.mappingEl);
    this.mainEl = el("main", { class: "lrh-main" });
    this.root.appendChild(el("div", { class: "lrh-app" }, top, el("div", { class: "lrh-body" }, side, this.mainEl)));
    this.renderMainMessage("Loading experiments…", null, true);
  }

  async start() {
    this.host = new HostLink();
    if (this.host.connect()) {
      this.host.onDataReloaded(() => this.autoReload(2000));
      this.host.onRunsChanged(() => this.autoReload(2000));
      let fromUrl = pickOverrides(await this.host.urlData(PLUGIN));
      // TensorBoard 2.21's app no longer fills GetURLPluginData from the
      // hash; read the parent's hash (same origin) the same way.
      if (!Object.keys(fromUrl).length) fromUrl = pickOverrides(parentHashData(PLUGIN));
      if (Object.keys(fromUrl).length) this.state.overrides = fromUrl;
    }
    this.renderMapping();
    await this.reloadAll();
    this.timer = setInterval(() => {
      // Skip while the browser tab is hidden or TensorBoard shows another
      // dashboard (our iframe is then display:none, 0 px wide).
      if (document.visibilityState !== "hidden" && window.innerWidth > 0) this.autoReload(RELOAD_MS - 5000);
    }, RELOAD_MS);
  }

  autoReload(minGapMs) {
    if (this.loading) return;
    if (Date.now() - this.lastReload < minGapMs) return;
    this.reloadAll({ quiet: true });
  }

  // ---- data ----
  async reloadAll(opts) {
    const quiet = opts && opts.quiet;
    if (this.loading) return;
    this.loading = true;
    this.lastReload = Date.now();
    this.reloadBtn.disabled = true;
    this.reloadBtn.classList.add("busy");
    try {
      try {
        const body = await fetchExperiments(this.state.overrides);
        const list = Array.isArray(body.experiments) ? body.experiments : [];
        this.state.experiments = list;
        this.state.listError = null;
        for (const e of [...list].sort((a, b) => (a.name < b.name ? -1 : 1))) this.color(e.name);
      } catch (err) {
        if (!quiet || this.state.experiments === null) this.state.listError = errorText(err);
      }
      this.reconcileSelection();
      this.renderList();
      this.renderSummary();
      await this.loadView(true);
      if (!this.state.listError) this.updatedEl.textContent = "updated " + new Date().toLocaleTimeString();
    } finally {
      this.loading = false;
      this.reloadBtn.disabled = false;
      this.reloadBtn.classList.remove("busy");
    }
  }

  color(name) {
    if (!this.colorOf.has(name)) this.colorOf.set(name, PALETTE[this.colorOf.size % PALETTE.length]);
    return this.colorOf.get(name);
  }

  sortedExperiments() {
    const list = this.state.experiments || [];
    return [...list].sort((a, b) => {
      const r = (STATUS_RANK[b.status] || 0) - (STATUS_RANK[a.status] || 0);
      if (r) return r;
      const ca = a.counts || {};
      const cb = b.counts || {};
      const c = (cb.critical || 0) - (ca.critical || 0) || (cb.warning || 0) - (ca.warning || 0);
      if (c) return c;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
  }

  reconcileSelection() {
    const names = new Set((this.state.experiments || []).map((e) => e.name));
    for (const n of [...this.state.compare]) if (!names.has(n)) this.state.compare.delete(n);
    if (!names.has(this.state.selected)) {
      const first = this.sortedExperiments()[0];
      this.state.selected = first ? first.name : null;
      this.state.window = null;
      this.state.highlight = -1;
    }
    this.saveSession();
  }

  compareMode() {
    return this.state.compare.size >= 2;
  }

  // Loads what the main area shows; `keep` keeps the zoom window/highlight.
  async loadView(keep) {
    const gen = ++this.gen;
    const s = this.state;
    if (s.experiments === null) {
      this.renderMainMessage("Cannot load experiments.", s.listError, false, true);
      return;
    }
    if (s.experiments.length === 0) {
      this.renderEmpty();
      return;
    }
    if (this.compareMode()) {
      const names = this.sortedExperiments().map((e) => e.name).filter((n) => s.compare.has(n));
      const key = "compare:" + names.join("\u0000");
      if (this.viewKey !== key) this.buildCompareView(names, key);
      const results = await Promise.all(
        names.map((n) =>
          fetchReport(n, { points: 2000, window: s.window }, s.overrides).then(
            (r) => ({ name: n, report: r }),
            (err) => ({ name: n, error: errorText(err) })
          )
        )
      );
      if (gen !== this.gen) return;
      if (!this.fullReports) this.fullReports = new Map();
      for (const r of results) {
        if (!r.report) continue;
        if (!s.window) this.fullReports.set(r.name, r.report);
        else if (this.fullReports.has(r.name)) r.report = spliceWindow(this.fullReports.get(r.name), r.report, s.window);
      }
      this.reports = new Map(results.map((r) => [r.name, r]));
      this.drawCompare();
      return;
    }
    if (!s.selected) return;
    const t0 = performance.now();
    const key = "single:" + s.selected;
    if (this.viewKey !== key) this.buildSingleView(s.selected, key);
    else if (!keep) this.setChartLoading(true);
    try {
      const win = s.window;
      let rep = await fetchReport(s.selected, { points: 2000, window: win }, s.overrides);
      if (gen !== this.gen) return;
      if (!win) this.fullReport = rep;
      else if (this.fullReport && this.fullReport.name === rep.name) rep = spliceWindow(this.fullReport, rep, win);
      this.report = rep;
      this.reportError = null;
    } catch (err) {
      if (gen !== this.gen || isAbort(err)) return;
      this.report = null;
      this.reportError = errorText(err);
    }
    this.fillSingleView();
    // fetch + parse + draw, for benchmarks and tests
    try {
      performance.measure("lrh:view", { start: t0, end: performance.now() });
    } catch (err) {
      // old browsers: no options form of measure()
    }
  }

  // ---- tag mapping (role overrides: regexes on "run/tag") ----
  renderMapping() {
    const o = this.state.overrides;
    const fields = [
      ["lr_tag", "LR", "e.g. lr|learning_rate"],
      ["loss_tag", "Train loss", "e.g. train/loss$"],
      ["val_loss_tag", "Val loss", "e.g. (val|eval)/loss"],
      ["val_acc_tag", "Val accuracy", "e.g. val.*acc"],
    ];
    const inputs = {};
    const n = Object.keys(o).length;
    const form = el(
      "form",
      {
        class: "lrh-mapping-form",
        onsubmit: (ev) => {
          ev.preventDefault();
          const next = {};
          for (const [k, input] of Object.entries(inputs)) next[k] = input.value.trim();
          this.setOverrides(pickOverrides(next));
        },
      },
      fields.map(([key, label, ph]) => {
        inputs[key] = el("input", { type: "text", value: o[key] || "", placeholder: ph, "data-testid": "map-" + key, spellcheck: "false" });
        return el("label", { class: "lrh-mapping-row" }, el("span", { text: label }), inputs[key]);
      }),
      el(
        "div",
        { class: "lrh-mapping-actions" },
        el("button", { class: "lrh-btn small", type: "submit", text: "Apply", "data-testid": "map-apply" }),
        el("button", { class: "lrh-btn small", type: "button", text: "Built-in rules", onclick: () => this.setOverrides({}) })
      )
    );
    const open = this.mappingEl.open;
    replaceChildren(
      this.mappingEl,
      el("summary", { text: n ? "Tag mapping (" + n + " custom)" : "Tag mapping" }),
      el("p", { class: "lrh-mapping-help", text: "Regular expressions matched against \"run/tag\"; empty fields use the built-in name rules." }),
      form
    );
    this.mappingEl.open = open;
  }

  setOverrides(next) {
    this.state.overrides = next;
    this.state.window = null;
    this.state.highlight = -1;
    this.saveSession();
    this.renderMapping();
    this.viewKey = null;
    this.reloadAll();
  }

  // ---- run list ----
  renderSummary() {
    const list = this.state.experiments || [];
    const n = { critical: 0, warning: 0, healthy: 0 };
    for (const e of list) n[e.status in n ? e.status : "healthy"]++;
    const parts = [list.length + (list.length === 1 ? " experiment" : " experiments")];
    if (n.critical) parts.push(n.critical + " critical");
    if (n.warning) parts.push(n.warning + " warning");
    if (n.healthy) parts.push(n.healthy + " healthy");
    this.summaryEl.textContent = this.state.experiments === null ? "" : parts.join(" · ");
  }

  renderList() {
    const s = this.state;
    const q = s.filter.trim().toLowerCase();
    clear(this.listEl);
    if (s.listError && s.experiments !== null) {
      this.listEl.appendChild(el("div", { class: "lrh-inline-error", text: "Reload failed: " + s.listError }));
    }
    const all = this.sortedExperiments();
    const shown = all.filter(
      (e) => !q || e.name.toLowerCase().includes(q) || (e.runs || []).some((r) => String(r).toLowerCase().includes(q))
    );
    if (all.length && !shown.length) {
      this.listEl.appendChild(el("div", { class: "lrh-list-empty", text: "No experiment matches the filter." }));
    }
    for (const e of shown) this.listEl.appendChild(this.runRow(e));
    this.renderCompareBar();
  }

  runRow(e) {
    const s = this.state;
    const checked = s.compare.has(e.name);
    const active = !this.compareMode() && s.selected === e.name;
    const status = e.status in STATUS_RANK ? e.status : "healthy";
    const counts = e.counts || {};
    const top = e.top_finding;
    const box = el("input", {
      type: "checkbox",
      class: "lrh-check",
      checked,
      title: "Compare",
      "aria-label": "Compare " + e.name,
      onclick: (ev) => ev.stopPropagation(),
      onchange: (ev) => this.toggleCompare(e.name, ev.target.checked),
    });
    const countText = [];
    if (counts.critical) countText.push(counts.critical + " critical");
    if (counts.warning) countText.push(counts.warning + " warning");
    if (counts.info) countText.push(counts.info + " info");
    const row = el(
      "div",
      {
        class: "lrh-run" + (active ? " active" : "") + (checked ? " checked" : ""),
        role: "option",
        tabindex: "0",
        "aria-selected": active ? "true" : "false",
        dataset: { status },
        onclick: () => this.select(e.name),
        onkeydown: (ev) => {
          if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            this.select(e.name);
          }
        },
      },
      el(
        "div",
        { class: "lrh-run-line" },
        box,
        checked ? el("span", { class: "lrh-dot", style: { backgroundColor: this.color(e.name) } }) : null,
        el("span", { class: "lrh-run-name", title: e.name, text: e.name }),
        el("span", { class: "lrh-badge status-" + badgeStatus(e).replace(" ", ""), text: badgeStatus(e) })
      ),
      top
        ? el(
            "div",
            { class: "lrh-run-top sev-" + (top.severity || "info") },
            el("span", { class: "lrh-kind", text: (top.kind || "").replace(/_/g, " ") }),
            " ",
            el("span", { text: top.message || "" })
          )
        : el("div", { class: "lrh-run-top muted", text: (e.notes && e.notes[0]) || "No findings." }),
      countText.length ? el("div", { class: "lrh-run-counts", text: countText.join(" · ") }) : null
    );
    return row;
  }

  renderCompareBar() {
    const n = this.state.compare.size;
    clear(this.compareBar);
    if (n === 0) {
      if ((this.state.experiments || []).length < 2) return;
      this.compareBar.appendChild(el("span", { class: "muted", text: "Tick two or more experiments to compare them." }));
      return;
    }
    this.compareBar.appendChild(
      el("span", { text: n === 1 ? "1 ticked: tick another to compare" : "Comparing " + n })
    );
    this.compareBar.appendChild(
      el("button", {
        class: "lrh-btn small",
        type: "button",
        text: "Clear",
        onclick: () => {
          this.state.compare.clear();
          this.afterSelectionChange();
        },
      })
    );
  }

  select(name) {
    const s = this.state;
    if (s.selected === name && !this.compareMode()) return;
    s.selected = name;
    s.window = null;
    s.highlight = -1;
    if (this.compareMode()) s.compare.clear();
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
    this.saveSession();
    this.renderList();
    this.loadView(false);
  }

  // ---- main area: messages ----
  renderMainMessage(title, detail, spinner, retry) {
    this.destroyCharts();
    this.viewKey = null;
    replaceChildren(
      this.mainEl,
      el(
        "div",
        { class: "lrh-message" + (retry ? " error" : "") },
        spinner ? el("div", { class: "lrh-spinner", "aria-hidden": "true" }) : null,
        el("p", { class: "lrh-message-title", text: title }),
        detail ? el("p", { class: "lrh-message-detail", text: detail }) : null,
        retry ? el("button", { class: "lrh-btn", type: "button", text: "Retry", onclick: () => this.reloadAll() }) : null
      )
    );
  }

  renderEmpty() {
    this.destroyCharts();
    this.viewKey = "empty";
    replaceChildren(
      this.mainEl,
      el(
        "div",
        { class: "lrh-message" },
        el("p", { class: "lrh-message-title", text: "No training runs with a loss or learning-rate series yet." }),
        loggingHelp("Log the loss, the validation loss and the learning rate, for example:")
      )
    );
  }

  destroyCharts() {
    for (const c of this.charts) c.destroy();
    this.charts = [];
  }

  // ---- single experiment ----
  toolbar(opts) {
    const sm = this.state.smoothing;
    const smValue = el("span", { class: "lrh-smooth-value", text: sm.toFixed(2) });
    const slider = el("input", {
      type: "range",
      min: "0",
      max: "0.99",
      step: "0.01",
      value: String(sm),
      "aria-label": "Smoothing",
      oninput: () => {
        this.state.smoothing = Number(slider.value);
        smValue.textContent = this.state.smoothing.toFixed(2);
        this.redraw();
      },
      onchange: () => this.saveSession(),
    });
    this.toggles = {};
    const toggle = (label, key, testid) => {
      const box = el("input", {
        type: "checkbox",
        checked: !!this.state[key],
        "data-testid": testid,
        onchange: () => {
          this.state[key] = box.checked;
          this.saveSession();
          this.redraw();
        },
      });
      this.toggles[key] = box;
      return el("label", { class: "lrh-toggle" }, box, label);
    };
    this.resetBtn = el("button", {
      class: "lrh-btn small",
      type: "button",
      text: "Reset zoom",
      "data-testid": "reset-zoom",
      disabled: !this.state.window,
      onclick: () => this.resetZoom(),
    });
    return el(
      "div",
      { class: "lrh-toolbar" },
      el("label", { class: "lrh-smooth" }, "Smoothing", slider, smValue),
      opts.lr ? toggle("Log LR", "logLR", "log-lr") : null,
      toggle("Log loss", "logLoss", "log-loss"),
      this.resetBtn,
      el("span", { class: "lrh-hint", text: "drag to zoom · double-click to reset" })
    );
  }

  buildSingleView(name, key) {
    // From one experiment to another: keep the layout (no jump), dim the old
    // content and swap it when the new report arrives.
    if (this.viewKey && this.viewKey.startsWith("single:") && this.charts.length === 1 && this.headEl) {
      this.viewKey = key;
      this.report = null;
      this.fullReport = null;
      const h = this.headEl.querySelector(".lrh-exp-name");
      if (h) h.textContent = name;
      if (this.resetBtn) this.resetBtn.disabled = true;
      this.setChartLoading(true);
      return;
    }
    this.destroyCharts();
    this.viewKey = key;
    this.report = null;
    this.fullReport = null;
    this.headEl = el("div", { class: "lrh-exp-head" }, el("h2", { class: "lrh-exp-name", text: name }));
    this.noticeEl = el("div", { class: "lrh-notices" });
    const chartBox = el("div", { class: "lrh-chart-box", "data-testid": "overlay-chart" });
    this.findingsEl = el("div", { class: "lrh-findings" });
    this.helpEl = el("div", {});
    replaceChildren(
      this.mainEl,
      el("section", { class: "lrh-exp" }, this.headEl, this.noticeEl, this.toolbar({ lr: true }), chartBox, this.findingsEl, this.helpEl)
    );
    const chart = new Chart(chartBox, {
      height: 300,
      onZoom: (min, max) => this.zoom(min, max),
      onReset: () => this.resetZoom(),
    });
    this.charts = [chart];
    this.setChartLoading(true);
  }

  setChartLoading(on) {
    const box = this.mainEl.querySelector(".lrh-chart-box");
    if (box) box.classList.toggle("loading", !!on);
    const sec = this.mainEl.querySelector(".lrh-exp");
    if (sec) sec.classList.toggle("loading", !!on);
  }

  fillSingleView() {
    const rep = this.report;
    this.setChartLoading(false);
    const name = this.state.selected;
    const head = this.headEl;
    clear(head);
    head.appendChild(el("h2", { class: "lrh-exp-name", text: name }));
    if (!rep) {
      head.appendChild(el("span", { class: "lrh-badge status-error", text: "error" }));
      clear(this.noticeEl).appendChild(el("div", { class: "lrh-notice error", text: "Cannot load the report: " + (this.reportError || "unknown error") }));
      this.charts[0].render({ series: [], scales: {}, emptyText: "No data." });
      clear(this.findingsEl);
      clear(this.helpEl);
      return;
    }
    const shown = badgeStatus(rep);
    head.appendChild(el("span", { class: "lrh-badge status-" + shown.replace(" ", ""), text: shown }));
    head.appendChild(this.rolesLine(rep));

    // notices
    clear(this.noticeEl);
    if (rep.sampled) {
      this.noticeEl.appendChild(
        el(
          "div",
          { class: "lrh-notice sampled", "data-testid": "sampled-notice" },
          el("strong", { text: "Sampled data. " }),
          "TensorBoard kept only a random sample of some series, so short spikes may be missing. Restart it with ",
          el("code", { text: "--samples_per_plugin=scalars=0" }),
          " for full resolution."
        )
      );
    }
    for (const note of Array.isArray(rep.notes) ? rep.notes : []) {
      // the sampled banner above already says this, with the flag
      if (rep.sampled && /samples_per_plugin/.test(String(note))) continue;
      this.noticeEl.appendChild(el("div", { class: "lrh-notice", text: String(note) }));
    }

    this.drawSingle();
    this.renderFindings(rep);

    clear(this.helpEl);
    const ser = rep.series || {};
    if (!ser.lr) {
      this.helpEl.appendChild(loggingHelp("No learning-rate series found for this experiment, so its schedule cannot be judged. Log it like this:"));
    } else if (!ser.train_loss && !ser.val_loss) {
      this.helpEl.appendChild(loggingHelp("No loss series found for this experiment. Log it like this:"));
    }
  }

  rolesLine(rep) {
    const roles = rep.roles || {};
    const items = [];
    const names = { lr: "LR", train_loss: "train loss", val_loss: "val loss", val_acc: "val acc" };
    for (const [k, label] of Object.entries(names)) {
      const r = roles[k];
      if (!r || !r.tag) continue;
      const run = String(r.run || "");
      // Keras puts train and validation in sibling runs: say which one.
      const sub = run.startsWith(rep.name + "/") ? run.slice(rep.name.length + 1) + "/" : "";
      items.push(el("span", { class: "lrh-role", title: run + "/" + r.tag }, el("b", { text: label + ": " }), sub + String(r.tag)));
    }
    return el("div", { class: "lrh-roles" }, items);
  }

  // Series specs for the overlay chart from the current report and toggles.
  singleSpec() {
    const rep = this.report;
    const s = this.state;
    const ser = rep.series || {};
    const out = [];
    const spacingRef = denseSpacing([ser.train_loss, ser.val_loss].map(seriesOf));
    const addLoss = (raw, label, color, extra) => {
      const d = seriesOf(raw);
      if (!d) return;
      const w = stepWeight(s.smoothing, d.steps, spacingRef);
      if (w > 0.02) {
        out.push({ label: label + " (raw)", color: fade(color, 0.25), scale: "loss", steps: d.steps, values: d.values, width: 1, legend: false });
        out.push({ label, color, scale: "loss", steps: d.steps, values: emaDebiased(d.values, w), raw: d.values, width: 1.75, ...extra });
      } else {
        out.push({ label, color, scale: "loss", steps: d.steps, values: d.values, width: 1.5, ...extra });
      }
    };
    const fine = seriesOf(ser.train_loss_fine);
    if (fine) out.push({ label: "train loss (batch)", color: COLORS.fine, scale: "loss", steps: fine.steps, values: fine.values, width: 1 });
    addLoss(ser.train_loss, "train loss", COLORS.train, {});
    addLoss(ser.val_loss, "val loss", COLORS.val, {});
    const lr = seriesOf(ser.lr);
    if (lr) out.push({ label: "LR", color: COLORS.lr, scale: "lr", steps: lr.steps, values: lr.values, width: 2, fmt: fmtLR, title: lr.meta.tag });
    (Array.isArray(ser.extra_lrs) ? ser.extra_lrs : []).forEach((x, i) => {
      const d = seriesOf(x);
      if (!d) return;
      const label = String(x.key || x.tag || "LR " + (i + 2));
      out.push({ label, color: COLORS.extraLr[i % COLORS.extraLr.length], scale: "lr", steps: d.steps, values: d.values, width: 1.25, dash: [5, 4], fmt: fmtLR });
    });
    const scales = {};
    if (out.some((x) => x.scale === "loss")) scales.loss = { label: "loss", log: this.effectiveLogLoss(out) };
    if (out.some((x) => x.scale === "lr")) scales.lr = { label: "learning rate", log: s.logLR, fmt: fmtLR, color: COLORS.lr };
    const findings = Array.isArray(rep.findings) ? [...rep.findings].sort(findingSort) : [];
    return {
      xLabel: rep.step_unit === "epoch" ? "epoch" : "step",
      series: out,
      scales,
      findings,
      window: s.window,
      emptyText: "This experiment has no loss or learning-rate series to draw.",
    };
  }

  // The user's choice, else log when the drawn losses span more than two
  // decades (a diverging run would flatten everything else on a linear axis).
  effectiveLogLoss(series) {
    let log = this.state.logLoss;
    if (log === null) {
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
      log = !nonPositive && hi / lo > 100;
    }
    if (this.toggles && this.toggles.logLoss) this.toggles.logLoss.checked = log;
    return log;
  }

  drawSingle() {
    if (!this.report || !this.charts[0]) return;
    this.charts[0].highlight = this.state.highlight;
    this.charts[0].render(this.singleSpec());
  }

  renderFindings(rep) {
    const findings = Array.isArray(rep.findings) ? [...rep.findings].sort(findingSort) : [];
    const unit = rep.step_unit;
    clear(this.findingsEl);
    this.findingsEl.appendChild(el("h3", { class: "lrh-h3", text: findings.length ? "Findings (" + findings.length + ")" : "Findings" }));
    if (!findings.length) {
      this.findingsEl.appendChild(el("p", { class: "lrh-ok", text: "No problems found: the schedule and the loss curves look healthy." }));
      return;
    }
    const list = el("ul", { class: "lrh-finding-list" });
    findings.forEach((f, i) => {
      const sev = f.severity in SEV_RANK ? f.severity : "info";
      const evidence = f.evidence && typeof f.evidence === "object" ? Object.entries(f.evidence) : [];
      const active = i === this.state.highlight;
      const item = el(
        "li",
        {
          class: "lrh-finding sev-" + sev + (active ? " active" : ""),
          tabindex: "0",
          role: "button",
          "aria-pressed": active ? "true" : "false",
          dataset: { index: String(i), kind: String(f.kind) },
          onclick: () => this.toggleHighlight(i),
          onkeydown: (ev) => {
            if (ev.key === "Enter" || ev.key === " ") {
              ev.preventDefault();
              this.toggleHighlight(i);
            }
          },
        },
        el(
          "div",
          { class: "lrh-finding-head" },
          el("span", { class: "lrh-badge sev-" + sev, text: sev }),
          el("span", { class: "lrh-finding-kind", text: String(f.kind || "").replace(/_/g, " ") }),
          el("span", { class: "lrh-finding-range", text: fmtRange(f, unit) })
        ),
        el("p", { class: "lrh-finding-msg", text: String(f.message || "") }),
        f.suggestion ? el("p", { class: "lrh-finding-sugg" }, el("b", { text: "Try: " }), String(f.suggestion)) : null,
        evidence.length
          ? el(
              "div",
              { class: "lrh-evidence" },
              evidence.map(([k, v]) => el("span", { class: "lrh-ev" }, el("span", { class: "lrh-ev-k", text: k.replace(/_/g, " ") }), " ", el("span", { class: "lrh-ev-v", text: fmtEvidence(v) })))
            )
          : null
      );
      list.appendChild(item);
    });
    this.findingsEl.appendChild(list);
  }

  toggleHighlight(i) {
    this.state.highlight = this.state.highlight === i ? -1 : i;
    // A finding outside the zoomed window: show the whole run again.
    const f = this.state.highlight >= 0 && this.report ? [...(this.report.findings || [])].sort(findingSort)[i] : null;
    const w = this.state.window;
    if (f && w) {
      const a = num(f.start_step) ?? num(f.step);
      const b = num(f.end_step) ?? num(f.step);
      if (a !== null && b !== null && (b < w.start || a > w.end)) {
        this.resetZoom();
      }
    }
    for (const node of this.findingsEl.querySelectorAll(".lrh-finding")) {
      const on = Number(node.dataset.index) === this.state.highlight;
      node.classList.toggle("active", on);
      node.setAttribute("aria-pressed", on ? "true" : "false");
    }
    if (this.charts[0]) this.charts[0].setHighlight(this.state.highlight);
  }

  // ---- zoom ----
  zoom(min, max) {
    this.state.window = { start: min, end: max };
    if (this.resetBtn) this.resetBtn.disabled = false;
    for (const c of this.charts) c.setXRange(min, max);
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => this.loadView(true), 150);
  }

  resetZoom() {
    if (!this.state.window) return;
    this.state.window = null;
    if (this.resetBtn) this.resetBtn.disabled = true;
    this.loadView(true);
  }

  redraw() {
    if (this.compareMode()) this.drawCompare();
    else this.drawSingle();
  }

  // ---- compare ----
  buildCompareView(names, key) {
    this.destroyCharts();
    this.viewKey = key;
    this.compareHead = el("div", { class: "lrh-exp-head" });
    this.compareNotes = el("div", { class: "lrh-notices" });
    const lrBox = el("div", { class: "lrh-chart-box", "data-testid": "compare-lr" });
    const lossBox = el("div", { class: "lrh-chart-box", "data-testid": "compare-loss" });
    this.compareTable = el("div", { class: "lrh-compare-table" });
    replaceChildren(
      this.mainEl,
      el(
        "section",
        { class: "lrh-exp" },
        this.compareHead,
        this.compareNotes,
        this.toolbar({ lr: true }),
        el("h3", { class: "lrh-h3", text: "Learning rate" }),
        lrBox,
        el("h3", { class: "lrh-h3", text: "Loss (solid: train, dashed: validation)" }),
        lossBox,
        this.compareTable
      )
    );
    const opts = { height: 220, syncKey: "lrh-compare", onZoom: (a, b) => this.zoom(a, b), onReset: () => this.resetZoom() };
    this.charts = [new Chart(lrBox, opts), new Chart(lossBox, opts)];
  }

  drawCompare() {
    if (this.charts.length < 2) return;
    const s = this.state;
    const names = [...this.reports.keys()];
    clear(this.compareHead).appendChild(el("h2", { class: "lrh-exp-name", text: "Comparing " + names.length + " experiments" }));
    clear(this.compareNotes);
    const lrSeries = [];
    const lossSeries = [];
    let unit = "step";
    let sampled = false;
    clear(this.compareTable);
    for (const name of names) {
      const entry = this.reports.get(name);
      const color = this.color(name);
      if (entry.error) {
        this.compareNotes.appendChild(el("div", { class: "lrh-notice error", text: name + ": " + entry.error }));
        continue;
      }
      const rep = entry.report;
      const ser = rep.series || {};
      if (rep.step_unit === "epoch") unit = "epoch";
      sampled = sampled || !!rep.sampled;
      const lr = seriesOf(ser.lr);
      if (lr) lrSeries.push({ label: name, color, scale: "lr", steps: lr.steps, values: lr.values, width: 1.75, fmt: fmtLR });
      for (const [key, dash, suffix] of [["train_loss", null, " train"], ["val_loss", [6, 4], " val"]]) {
        const d = seriesOf(ser[key]);
        if (!d) continue;
        const w = stepWeight(s.smoothing, d.steps, denseSpacing([seriesOf(ser.train_loss), seriesOf(ser.val_loss)]));
        const values = w > 0.02 ? emaDebiased(d.values, w) : d.values;
        lossSeries.push({ label: name + suffix, color, scale: "loss", steps: d.steps, values, raw: d.values, width: 1.75, dash });
      }
      const status = rep.status in STATUS_RANK ? rep.status : "healthy";
      const top = (Array.isArray(rep.findings) ? [...rep.findings].sort(findingSort) : [])[0];
      this.compareTable.appendChild(
        el(
          "div",
          { class: "lrh-compare-row" },
          el("span", { class: "lrh-dot", style: { backgroundColor: color } }),
          el("span", { class: "lrh-run-name", text: name }),
          el("span", { class: "lrh-badge status-" + status, text: status }),
          el("span", { class: "lrh-compare-top", text: top ? String(top.message || top.kind) : "No findings." })
        )
      );
    }
    if (sampled) {
      this.compareNotes.appendChild(
        el(
          "div",
          { class: "lrh-notice sampled", "data-testid": "sampled-notice" },
          el("strong", { text: "Sampled data. " }),
          "Some series were reservoir-sampled by TensorBoard; restart it with ",
          el("code", { text: "--samples_per_plugin=scalars=0" }),
          " for full resolution."
        )
      );
    }
    const xLabel = unit;
    this.charts[0].render({ xLabel, series: lrSeries, scales: { lr: { label: "learning rate", log: s.logLR, fmt: fmtLR } }, findings: [], window: s.window, emptyText: "None of these experiments logs a learning rate." });
    this.charts[1].render({ xLabel, series: lossSeries, scales: { loss: { label: "loss", log: this.effectiveLogLoss(lossSeries) } }, findings: [], window: s.window, emptyText: "None of these experiments logs a loss." });
  }
}

// Mean step spacing of a series (Infinity when it has fewer than 2 points).
function spacing(steps) {
  const n = steps.length;
  return n >= 2 ? (steps[n - 1] - steps[0]) / (n - 1) : Infinity;
}

function denseSpacing(list) {
  let best = Infinity;
  for (const d of list) if (d) best = Math.min(best, spacing(d.steps));
  return best;
}

// The slider's weight is per point of the densest loss series; a sparser
// series (validation every N steps) gets w^(its spacing / the dense spacing)
// so both are smoothed over the same number of steps instead of the sparse
// one lagging far behind (which would misplace the best validation step).
function stepWeight(w, steps, ref) {
  if (!(w > 0)) return 0;
  const sp = spacing(steps);
  if (!Number.isFinite(sp) || !Number.isFinite(ref) || ref <= 0) return w;
  return Math.pow(w, Math.max(1, sp / ref));
}

function fmtEvidence(v) {
  if (Array.isArray(v)) return v.map(fmtEvidence).join(", ");
  if (typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "–";
  const n = num(v);
  if (typeof v === "string" && Number.isNaN(n) && v !== "NaN") return v;
  return fmtValue(n);
}

// "#lr_health&p.lr_health.lr_tag=..." in TensorBoard's URL -> {lr_tag: ...}
function parentHashData(plugin) {
  const out = {};
  let hash = "";
  try {
    hash = window.parent.location.hash || "";
  } catch (err) {
    return out;
  }
  const prefix = "p." + plugin + ".";
  for (const part of hash.replace(/^#/, "").split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    let key;
    let value;
    try {
      key = decodeURIComponent(part.slice(0, eq));
      value = decodeURIComponent(part.slice(eq + 1));
    } catch (err) {
      continue;
    }
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  }
  return out;
}

let app = null;

async function loadCss() {
  const href = "./static/index.css";
  if (document.querySelector('link[data-lrh="css"]')) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.dataset.lrh = "css";
  const done = new Promise((resolve) => {
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    setTimeout(resolve, 1500);
  });
  document.head.appendChild(link);
  await done;
}

export async function render() {
  if (app) return;
  await loadCss();
  document.documentElement.classList.add("lrh-doc");
  const root = el("div", { id: "lrh-root" });
  document.body.appendChild(root);
  app = new App(root);
  await app.start();
}
