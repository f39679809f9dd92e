// LR Health panel: entry point loaded by TensorBoard's plugin iframe.
// TensorBoard calls render() once. This module only wires: the state, the
// controller (data + actions), the shell (layout, list) and the registry of
// views the main area can show.

import "uplot/dist/uPlot.min.css";
import "./styles/base.css";
import "./styles/theme.css";
import "./styles/chart.css";
import "./styles/views.css";
import { el } from "./dom.js";
import { pickOverrides, fetchRules } from "./api.js";
import { HostLink } from "./ipc.js";
import { createState, restoreSession, isCompare, setRules } from "./state.js";
import { followTheme } from "./theme.js";
import { Controller } from "./controller.js";
import { Shell } from "./shell.js";
import { CompareView } from "./views/compare.js";
// Issue 12: range-test chart and sweep view (views/rangesweep.js)
import { SingleOrRangeTestView, SWEEP_VIEW, installSweepToggle } from "./views/rangesweep.js";

const PLUGIN = "lr_health";
const RELOAD_MS = 30000;

// The views of the main area, first match wins. A view definition names
// when it applies, the key that identifies its content (a new key rebuilds
// or retargets the view), how to build it and how to load its data through
// the controller. Extra views (e.g. an LR range test) go before "single".
export const VIEWS = [
  SWEEP_VIEW, // issue 12: the "Sweep" toggle's view
  {
    id: "compare",
    when: (s) => isCompare(s),
    key: (s) => [...s.compare].sort().join("\u0000"),
    create: (main, ctx) => new CompareView(main, ctx),
    load: (ctl, current) => ctl.loadCompare(current),
  },
  {
    id: "single",
    when: (s) => !!s.selected,
    key: (s) => s.selected,
    // issue 12: a range test is drawn as loss against LR instead of the time chart
    create: (main, ctx) => new SingleOrRangeTestView(main, ctx, ctx.state.selected),
    load: (ctl, current) => ctl.loadSingle(current),
  },
];

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

async function start(root) {
  const state = createState();
  restoreSession(state);
  const ctl = new Controller(state, VIEWS);
  const shell = new Shell(root, state, ctl.actions());
  ctl.attach(shell);
  installSweepToggle(shell, state, ctl); // issue 12
  followTheme(() => {
    shell.renderList();
    ctl.redraw();
  });
  ctl.showMessage("Loading experiments…", null, { spinner: true });
  // Marker kinds and evidence words come from the engine's rule registry.
  fetchRules().then(
    (body) => {
      setRules(state, body.rules);
      ctl.redraw();
    },
    () => {} // an older server: the built-in marker table and plain keys
  );
  const host = new HostLink();
  if (host.connect()) {
    host.onDataReloaded(() => ctl.autoReload(2000));
    host.onRunsChanged(() => ctl.autoReload(2000));
    let fromUrl = pickOverrides(await host.urlData(PLUGIN));
    // TensorBoard 2.21's app no longer fills GetURLPluginData from the
    // hash; read the parent's hash (same origin) the same way.
    if (!Object.keys(fromUrl).length) fromUrl = pickOverrides(parentHashData(PLUGIN));
    if (Object.keys(fromUrl).length) state.overrides = fromUrl;
  }
  shell.renderMapping();
  await ctl.reloadAll();
  setInterval(() => {
    // Skip while the browser tab is hidden or TensorBoard shows another
    // dashboard (our iframe is then display:none, 0 px wide).
    if (document.visibilityState !== "hidden" && window.innerWidth > 0) ctl.autoReload(RELOAD_MS - 5000);
  }, RELOAD_MS);
  return ctl;
}

async function loadCss() {
  if (document.querySelector('link[data-lrh="css"]')) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "./static/index.css";
  link.dataset.lrh = "css";
  const done = new Promise((resolve) => {
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    setTimeout(resolve, 1500);
  });
  document.head.appendChild(link);
  await done;
}

let started = false;

export async function render() {
  if (started) return;
  started = true;
  await loadCss();
  document.documentElement.classList.add("lrh-doc");
  const root = el("div", { id: "lrh-root" });
  document.body.appendChild(root);
  await start(root);
}
