// The panel's fixed layout: top bar (title, summary, reload), the side
// column (filter, compare bar, experiment list, tag mapping) and the main
// area the views draw into. Re-renders its parts from the state on request.
import { el, replaceChildren } from "./dom.js";
import { filtered } from "./state.js";
import { summaryText, runList, compareBar, progress } from "./views/runlist.js";
import { mappingForm } from "./views/mapping.js";

export class Shell {
  // actions: reloadAll, setFilter, select, toggleCompare, clearCompare, setOverrides
  constructor(root, state, actions) {
    this.state = state;
    this.actions = actions;
    this.summary = el("span", { class: "lrh-summary" });
    this.updated = el("span", { class: "lrh-updated" });
    this.progress = el("span", { class: "lrh-progress", "data-testid": "verdict-progress" });
    this.reloadBtn = el("button", {
      class: "lrh-btn",
      type: "button",
      title: "Reload data",
      "data-testid": "reload",
      text: "Reload",
      onclick: () => actions.reloadAll(),
    });
    const top = el(
      "header",
      { class: "lrh-top" },
      el("span", { class: "lrh-title", text: "LR Health" }),
      this.summary,
      this.progress,
      el("span", { class: "lrh-spacer" }),
      this.updated,
      this.reloadBtn
    );
    this.filter = el("input", {
      class: "lrh-filter",
      type: "search",
      placeholder: "Filter experiments",
      "aria-label": "Filter experiments",
      oninput: () => actions.setFilter(this.filter.value),
    });
    this.list = el("div", { class: "lrh-list", role: "listbox", "aria-label": "Experiments" });
    this.compareBar = el("div", { class: "lrh-comparebar" });
    this.mapping = el("details", { class: "lrh-mapping" });
    const side = el("aside", { class: "lrh-side" }, this.filter, this.compareBar, this.list, this.mapping);
    this.main = el("main", { class: "lrh-main" });
    root.appendChild(el("div", { class: "lrh-app" }, top, el("div", { class: "lrh-body" }, side, this.main)));
  }

  setBusy(on) {
    this.reloadBtn.disabled = !!on;
    this.reloadBtn.classList.toggle("busy", !!on);
  }

  renderList() {
    const s = this.state;
    replaceChildren(this.list, runList(filtered(s), s, this.actions));
    replaceChildren(this.compareBar, compareBar(s, () => this.actions.clearCompare()));
  }

  renderSummary() {
    this.summary.textContent = summaryText(this.state.experiments);
    replaceChildren(this.progress, progress(this.state));
    // what is still to come: the server's count, or rows still waiting for a verdict that was
    // cached for another route meanwhile (filled from one more listing)
    const waiting = (this.state.experiments || []).filter((e) => e.pending).length;
    this.progress.dataset.pending = String(Math.max(this.state.pending || 0, waiting));
    if (this.state.updatedAt) this.updated.textContent = "updated " + this.state.updatedAt.toLocaleTimeString();
  }

  renderMapping() {
    const open = this.mapping.open;
    replaceChildren(this.mapping, mappingForm(this.state.overrides, (next) => this.actions.setOverrides(next)));
    this.mapping.open = open;
  }
}
