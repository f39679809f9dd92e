// The compare view: two synchronised charts (LR, loss) of the ticked
// experiments in their colours, and one row per experiment.
import { el, clear, replaceChildren } from "../dom.js";
import { Chart } from "../chart.js";
import { statusOf, colorOf } from "../state.js";
import { compareSpecs } from "../series.js";
import { toolbar } from "./toolbar.js";
import { sampledNotice, errorNotice } from "./notices.js";

function compareRow(name, rep, color) {
  const top = rep.findings[0];
  const status = statusOf(rep);
  return el(
    "div",
    { class: "lrh-compare-row" },
    el("span", { class: "lrh-dot", style: { backgroundColor: color } }),
    el("span", { class: "lrh-run-name", text: name }),
    el("span", { class: "lrh-badge status-" + status, text: status }),
    el("span", { class: "lrh-compare-top", text: top ? String(top.message || top.kind) : "No findings." })
  );
}

export class CompareView {
  constructor(main, ctx) {
    this.ctx = ctx;
    this.head = el("div", { class: "lrh-exp-head" });
    this.notes = el("div", { class: "lrh-notices" });
    const lrBox = el("div", { class: "lrh-chart-box", "data-testid": "compare-lr" });
    const lossBox = el("div", { class: "lrh-chart-box", "data-testid": "compare-loss" });
    this.table = el("div", { class: "lrh-compare-table" });
    this.tools = toolbar(ctx.state, ctx.actions, { lr: true });
    replaceChildren(
      main,
      el(
        "section",
        { class: "lrh-exp" },
        this.head,
        this.notes,
        this.tools.node,
        el("h3", { class: "lrh-h3", text: "Learning rate" }),
        lrBox,
        el("h3", { class: "lrh-h3", text: "Loss (solid: train, dashed: validation)" }),
        lossBox,
        this.table
      )
    );
    const opts = { height: 220, syncKey: "lrh-compare", onZoom: (a, b) => ctx.actions.zoom(a, b), onReset: () => ctx.actions.resetZoom() };
    this.lrChart = new Chart(lrBox, opts);
    this.lossChart = new Chart(lossBox, opts);
  }

  setLoading() {}

  setZoomed(on) {
    this.tools.resetBtn.disabled = !on;
  }

  setXRange(min, max) {
    this.lrChart.setXRange(min, max);
    this.lossChart.setXRange(min, max);
  }

  fill() {
    this.draw();
  }

  draw() {
    const state = this.ctx.state;
    const entries = [...state.reports.values()];
    clear(this.head).appendChild(el("h2", { class: "lrh-exp-name", text: "Comparing " + entries.length + " experiments" }));
    clear(this.notes);
    clear(this.table);
    let sampled = false;
    for (const entry of entries) {
      if (entry.error) {
        this.notes.appendChild(errorNotice(entry.name + ": " + entry.error));
        continue;
      }
      sampled = sampled || !!entry.report.sampled;
      this.table.appendChild(compareRow(entry.name, entry.report, colorOf(state, entry.name)));
    }
    if (sampled) this.notes.appendChild(sampledNotice(true));
    const specs = compareSpecs(entries, state, (n) => colorOf(state, n));
    this.tools.toggles.logLoss.checked = specs.loss.scales.loss.log;
    this.lrChart.render(specs.lr);
    this.lossChart.render(specs.loss);
  }

  setHighlight() {}

  destroy() {
    this.lrChart.destroy();
    this.lossChart.destroy();
  }
}
