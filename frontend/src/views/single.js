// The single-experiment view: header (name, status, roles), notices,
// toolbar, the overlay chart, findings and logging help. It owns its DOM
// nodes and its chart; everything it draws comes from the state.
import { el, clear, replaceChildren } from "../dom.js";
import { Chart } from "../chart.js";
import { badgeStatus } from "../state.js";
import { singleSpec, accuracySpec } from "../series.js";
import { toolbar } from "./toolbar.js";
import { findingsSection, markHighlight } from "./findings.js";
import { reportNotices, errorNotice, missingHelp } from "./notices.js";

const ROLE_NAMES = { lr: "LR", train_loss: "train loss", train_loss_fine: "train loss (batch)", val_loss: "val loss", val_acc: "val acc" };

// The series behind each role, named as the legend and the findings name them.
export function rolesLine(rep) {
  const roles = { ...(rep.roles || {}) };
  const fine = rep.series && rep.series.train_loss_fine;
  if (fine && fine.tag) roles.train_loss_fine = { run: fine.run, tag: fine.tag };
  const acc = rep.series && rep.series.val_acc;
  const score = acc && typeof acc.score === "string" ? acc.score : "";
  const items = [];
  for (const [k, name] of Object.entries(ROLE_NAMES)) {
    let label = k === "train_loss" && fine ? "train loss (epoch)" : name;
    if (k === "val_acc" && score) label = "val " + score;
    const r = roles[k];
    if (!r || !r.tag) continue;
    const run = String(r.run || "");
    // Keras puts train and validation in sibling runs: say which one.
    const sub = run.startsWith(rep.name + "/") ? run.slice(rep.name.length + 1) + "/" : "";
    items.push(el("span", { class: "lrh-role", title: run + "/" + r.tag }, el("b", { text: label + ": " }), sub + String(r.tag)));
  }
  return el("div", { class: "lrh-roles" }, items);
}

function statusBadge(text) {
  return el("span", { class: "lrh-badge status-" + text.replace(" ", ""), text });
}

export class SingleView {
  // ctx = {state, actions}; actions: zoom, resetZoom, toggleHighlight, setSmoothing, setToggle
  constructor(main, ctx, name) {
    this.ctx = ctx;
    this.main = main;
    this.head = el("div", { class: "lrh-exp-head" }, el("h2", { class: "lrh-exp-name", text: name }));
    this.notices = el("div", { class: "lrh-notices" });
    const chartBox = el("div", { class: "lrh-chart-box", "data-testid": "overlay-chart" });
    this.accBox = el("div", { class: "lrh-chart-box lrh-acc-box", "data-testid": "accuracy-chart", hidden: true });
    this.findings = el("div", { class: "lrh-findings" });
    this.help = el("div", {});
    this.tools = toolbar(ctx.state, ctx.actions, { lr: true });
    this.section = el("section", { class: "lrh-exp" }, this.head, this.notices, this.tools.node, chartBox, this.accBox, this.findings, this.help);
    this.chartBox = chartBox;
    replaceChildren(main, this.section);
    const opts = {
      syncKey: "lrh-single",
      onZoom: (min, max) => ctx.actions.zoom(min, max),
      onReset: () => ctx.actions.resetZoom(),
    };
    this.chart = new Chart(chartBox, { ...opts, height: 300 });
    // accuracy under the loss: same x axis, cursor and zoom
    this.accChart = new Chart(this.accBox, { ...opts, height: 130 });
    this.setLoading(true);
  }

  // From one experiment to another: keep the layout (no jump), dim the old
  // content and swap it when the new report arrives.
  retarget(name) {
    const h = this.head.querySelector(".lrh-exp-name");
    if (h) h.textContent = name;
    this.tools.resetBtn.disabled = true;
    this.setLoading(true);
  }

  setLoading(on) {
    this.chartBox.classList.toggle("loading", !!on);
    this.section.classList.toggle("loading", !!on);
  }

  setZoomed(on) {
    this.tools.resetBtn.disabled = !on;
  }

  setXRange(min, max) {
    this.chart.setXRange(min, max);
    if (!this.accBox.hidden) this.accChart.setXRange(min, max);
  }

  fill() {
    const state = this.ctx.state;
    const rep = state.report;
    this.setLoading(false);
    replaceChildren(this.head, el("h2", { class: "lrh-exp-name", text: state.selected }));
    if (!rep) {
      this.head.appendChild(el("span", { class: "lrh-badge status-error", text: "error" }));
      replaceChildren(this.notices, errorNotice("Cannot load the report: " + (state.reportError || "unknown error")));
      this.chart.render({ series: [], scales: {}, emptyText: "No data." });
      this.accBox.hidden = true;
      clear(this.findings);
      clear(this.help);
      return;
    }
    this.head.appendChild(statusBadge(badgeStatus(rep)));
    this.head.appendChild(rolesLine(rep));
    replaceChildren(this.notices, reportNotices(rep));
    this.draw();
    replaceChildren(this.findings, findingsSection(rep, state.rules, state.highlight, (i) => this.ctx.actions.toggleHighlight(i)));
    replaceChildren(this.help, missingHelp(rep));
  }

  draw() {
    const state = this.ctx.state;
    if (!state.report) return;
    const acc = accuracySpec(state.report, state);
    const spec = singleSpec(state.report, state, acc ? { withoutKinds: ["accuracy_drop"] } : null);
    if (spec.scales.loss) this.tools.toggles.logLoss.checked = spec.scales.loss.log;
    this.tools.setSmoothingShown(spec.smoothing);
    this.chart.highlight = state.highlight;
    this.chart.render(spec);
    this.accBox.hidden = !acc;
    if (acc) {
      // the same x range and plot width as the loss chart above
      acc.xRange = spec.extent;
      acc.rightGutter = Object.keys(spec.scales).length > 1;
      this.accChart.highlight = state.highlight;
      this.accChart.render(acc);
    }
  }

  setHighlight(i) {
    markHighlight(this.findings, i);
    this.chart.setHighlight(i);
    if (!this.accBox.hidden) this.accChart.setHighlight(i);
  }

  destroy() {
    this.chart.destroy();
    this.accChart.destroy();
  }
}
