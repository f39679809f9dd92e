// The chart toolbar (smoothing, log toggles, reset zoom). Returns its node
// and the controls a view updates later.
import { el } from "../dom.js";

// `actions` = {setSmoothing(v, final), setToggle(key, on), resetZoom()}.
export function toolbar(state, actions, opts) {
  const smValue = el("span", { class: "lrh-smooth-value", text: state.smoothing.toFixed(2) });
  const slider = el("input", {
    type: "range",
    min: "0",
    max: "0.99",
    step: "0.01",
    value: String(state.smoothing),
    "aria-label": "Smoothing",
    oninput: () => {
      smValue.textContent = Number(slider.value).toFixed(2);
      actions.setSmoothing(Number(slider.value), false);
    },
    onchange: () => actions.setSmoothing(Number(slider.value), true),
  });
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
    opts && opts.lr ? toggle("Log LR", "logLR", "log-lr") : null,
    toggle("Log loss", "logLoss", "log-loss"),
    resetBtn,
    el("span", { class: "lrh-hint", text: "drag to zoom · double-click to reset" })
  );
  return { node, resetBtn, toggles, slider, smValue };
}
