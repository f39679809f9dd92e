// The tag-mapping form (role overrides: regexes on "run/tag").
import { el } from "../dom.js";
import { pickOverrides } from "../api.js";

const FIELDS = [
  ["lr_tag", "LR", "e.g. lr|learning_rate"],
  ["loss_tag", "Train loss", "e.g. train/loss$"],
  ["val_loss_tag", "Val loss", "e.g. (val|eval)/loss"],
  ["val_acc_tag", "Val accuracy", "e.g. val.*acc"],
];

// Children of the <details>; `onApply(overrides)` receives the new mapping.
export function mappingForm(overrides, onApply) {
  const inputs = {};
  const n = Object.keys(overrides).length;
  const form = el(
    "form",
    {
      class: "lrh-mapping-form",
      onsubmit: (ev) => {
        ev.preventDefault();
        const next = {};
        for (const [k, input] of Object.entries(inputs)) next[k] = input.value.trim();
        onApply(pickOverrides(next));
      },
    },
    FIELDS.map(([key, label, ph]) => {
      inputs[key] = el("input", { type: "text", value: overrides[key] || "", placeholder: ph, "data-testid": "map-" + key, spellcheck: "false" });
      return el("label", { class: "lrh-mapping-row" }, el("span", { text: label }), inputs[key]);
    }),
    el(
      "div",
      { class: "lrh-mapping-actions" },
      el("button", { class: "lrh-btn small", type: "submit", text: "Apply", "data-testid": "map-apply" }),
      el("button", { class: "lrh-btn small", type: "button", text: "Built-in rules", onclick: () => onApply({}) })
    )
  );
  return [
    el("summary", { text: n ? "Tag mapping (" + n + " custom)" : "Tag mapping" }),
    el("p", { class: "lrh-mapping-help", text: "Regular expressions matched against \"run/tag\"; empty fields use the built-in name rules." }),
    form,
  ];
}
