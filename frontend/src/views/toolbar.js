// The chart toolbar (smoothing, log toggles, reset zoom). Returns its node
// and the controls a view updates later.
import { el } from "../dom.js";

// `actions` = {setSmoothing(v, final), setToggle(key, on), resetZoom()}.
// Smoothing null = automatic (chosen from the point density; the view
// shows the value it used through setSmoothingShown).
export function toolbar(state, actions, opts) {
  const initial = state.smoothing === null ? 0 : state.smoothing;
  const smValue = el("span", { class: "lrh-smooth-value", "data-testid": "smoothing-value", text: initial.toFixed(2) });
  const autoBtn = el("button", {
    class: "lrh-btn small",
    type: "button",
    text: "auto",
    title: "Choose the smoothing from the number of points (none for a few dozen epoch points, 0.6 for dense per-step data)",
    "data-testid": "smoothing-auto",
    disabled: state.smoothing === null,
    onclick: () => {
      autoBtn.disabled = true;
      actions.setSmoothing(null, true);
      actions.setSmoothing(null, false);
    },
  });
  const slider = el("input", {
    type: "range",
    min: "0",
    max: "0.99",
    step: "0.01",
    value: String(initial),
    "aria-label": "Smoothing",
    "data-testid": "smoothing",
    oninput: () => {
      smValue.textContent = Number(slider.value).toFixed(2);
      autoBtn.disabled = false;
      actions.setSmoothing(Number(slider.value), false);
    },
    onchange: () => actions.setSmoothing(Number(slider.value), true),
  });
  const setSmoothingShown = (w) => {
    if (state.smoothing !== null) return;
    slider.value = String(w);
    smValue.textContent = w.toFixed(2) + " auto";
  };
  const toggles = {};
  const toggle = (label, key, testid) => {
    const box = el("input", {
      type: "checkbox",
      checked: !!state[key],
      "data-testid": testid,
      onchange: () => actions.setToggle(key, box.checked),
    });
    toggles[key] = box;
    return el("label", { class: "lrh-toggle" }, box, label);
  };
  const resetBtn = el("button", {
    class: "lrh-btn small",
    type: "button",
    text: "Reset zoom",
    "data-testid": "reset-zoom",
    disabled: !state.window,
    onclick: () => actions.resetZoom(),
  });
  const node = el(
    "div",
    { class: "lrh-toolbar" },
    el("label", { class: "lrh-smooth" }, "Smoothing", slider, smValue),
    autoBtn,
    opts && opts.lr ? toggle("Log LR", "logLR", "log-lr") : null,
    toggle("Log loss", "logLoss", "log-loss"),
    resetBtn,
    el("span", { class: "lrh-hint", text: "drag to zoom · double-click to reset" })
  );
  return { node, resetBtn, toggles, slider, smValue, setSmoothingShown };
}
