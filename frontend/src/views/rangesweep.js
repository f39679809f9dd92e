// Issue 12 in the panel: an LR range test is drawn as loss against LR instead
// of the time chart, and a "Sweep" view (toggled from the top bar) shows the
// logdir's LR sweeps. The drawing is in ../rangetest_view.js and
// ../sweep_view.js (pure render(container, data)); this module plugs them
// into the view registry (index.js VIEWS) and the shell.
import { el, replaceChildren } from "../dom.js";
import { fetchSweeps } from "../api.js";
import { SingleView } from "./single.js";
import { render as renderRangeTest } from "../rangetest_view.js";
import { render as renderSweep } from "../sweep_view.js";

// The single view, with the range-test chart in place of the time chart
// when the report carries a `range_test` curve.
export class SingleOrRangeTestView extends SingleView {
  draw() {
    super.draw();
    const rep = this.ctx.state.report;
    const rt = rep && rep.range_test;
    if (!this.rtBox) {
      this.rtBox = el("div", { class: "lrh-rangetest-box", hidden: true });
      this.chartBox.after(this.rtBox);
    }
    this.chartBox.style.display = rt ? "none" : "";
    this.rtBox.hidden = !rt;
    if (rt) renderRangeTest(this.rtBox, rt);
  }
}

// The sweep view: one chart + verdict per detected sweep.
export class SweepsView {
  constructor(main, ctx) {
    this.ctx = ctx;
    this.node = el("div", { class: "lrh-sweeps" });
    replaceChildren(main, this.node);
  }
  setLoading(on) {
    this.node.classList.toggle("loading", !!on);
  }
  fill() {
    this.setLoading(false);
    this.draw();
  }
  draw() {
    const sweeps = this.ctx.state.sweeps || [];
    replaceChildren(this.node, sweeps.map((sw) => {
      const one = el("div", {});
      renderSweep(one, sw);
      return one;
    }));
  }
  destroy() {}
}

export const SWEEP_VIEW = {
  id: "sweep",
  when: (s) => s.view === "sweep" && Array.isArray(s.sweeps) && s.sweeps.length > 0,
  key: () => "all",
  create: (main, ctx) => new SweepsView(main, ctx),
  load: async (ctl, current) => {
    await refreshSweeps(ctl.state);
    return current();
  },
};

async function refreshSweeps(state) {
  try {
    const body = await fetchSweeps(state.overrides);
    state.sweeps = Array.isArray(body.sweeps) ? body.sweeps : [];
  } catch (err) {
    state.sweeps = [];
  }
}

// The "Sweep" toggle in the top bar, shown when the logdir has sweeps; the
// sweep list is refreshed after every reload; picking an experiment in the
// list leaves the sweep view.
export function installSweepToggle(shell, state, ctl) {
  const btn = el("button", {
    class: "lrh-btn",
    type: "button",
    "data-testid": "sweep-toggle",
    text: "Sweep",
    hidden: true,
    onclick: () => {
      state.view = state.view === "sweep" ? null : "sweep";
      btn.classList.toggle("active", state.view === "sweep");
      ctl.loadView(false);
    },
  });
  shell.reloadBtn.before(btn);
  const sync = async () => {
    await refreshSweeps(state);
    btn.hidden = !state.sweeps.length;
    if (!state.sweeps.length && state.view === "sweep") {
      state.view = null;
      btn.classList.remove("active");
      ctl.loadView(false);
    }
  };
  const reloadAll = ctl.reloadAll.bind(ctl);
  ctl.reloadAll = async (opts) => {
    await reloadAll(opts);
    await sync();
  };
  const actions = ctl.actions();
  const select = actions.select;
  actions.select = (name) => {
    if (state.view === "sweep") {
      state.view = null;
      btn.classList.remove("active");
      if (state.selected === name) return ctl.afterSelectionChange();
    }
    return select(name);
  };
}
