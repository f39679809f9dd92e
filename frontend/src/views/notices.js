// Notices and whole-area messages: pure builders returning DOM.
import { el } from "../dom.js";
import { loggingHelp } from "../help.js";

export function mainMessage(title, detail, opts) {
  const o = opts || {};
  return el(
    "div",
    { class: "lrh-message" + (o.retry ? " error" : "") },
    o.spinner ? el("div", { class: "lrh-spinner", "aria-hidden": "true" }) : null,
    el("p", { class: "lrh-message-title", text: title }),
    detail ? el("p", { class: "lrh-message-detail", text: detail }) : null,
    o.retry ? el("button", { class: "lrh-btn", type: "button", text: "Retry", onclick: o.retry }) : null
  );
}

export function emptyState() {
  return el(
    "div",
    { class: "lrh-message" },
    el("p", { class: "lrh-message-title", text: "No training runs with a loss or learning-rate series yet." }),
    loggingHelp("Log the loss, the validation loss and the learning rate, for example:")
  );
}

export function sampledNotice(several) {
  return el(
    "div",
    { class: "lrh-notice sampled", "data-testid": "sampled-notice" },
    el("strong", { text: "Sampled data. " }),
    several
      ? "Some series were reservoir-sampled by TensorBoard; restart it with "
      : "TensorBoard kept only a random sample of some series, so short spikes may be missing. Restart it with ",
    el("code", { text: "--samples_per_plugin=scalars=0" }),
    " for full resolution."
  );
}

export function errorNotice(text) {
  return el("div", { class: "lrh-notice error", text });
}

// The report's notices: the sampled banner and the engine's notes (each once).
export function reportNotices(rep) {
  const out = [];
  if (rep.sampled) out.push(sampledNotice(false));
  for (const note of Array.isArray(rep.notes) ? rep.notes : []) {
    // the sampled banner above already says this, with the flag
    if (rep.sampled && /samples_per_plugin/.test(String(note))) continue;
    out.push(el("div", { class: "lrh-notice", text: String(note) }));
  }
  return out;
}

// What to log when the report lacks the LR or any loss.
export function missingHelp(rep) {
  const ser = rep.series || {};
  if (!ser.lr) return loggingHelp("No learning-rate series found for this experiment, so its schedule cannot be judged. Log it like this:");
  if (!ser.train_loss && !ser.val_loss) return loggingHelp("No loss series found for this experiment. Log it like this:");
  return null;
}
