// Static help content (what to log), built with text nodes only.
import { el } from "./dom.js";

const KERAS = [
  "# Keras 3 fit() logs loss, val loss and LR itself:",
  "tb = keras.callbacks.TensorBoard(\"logs/run1\")",
  "model.fit(x, y, validation_data=(xv, yv),",
  "          callbacks=[tb])",
  "",
  "# custom training loop (tf.summary):",
  "with writer.as_default():",
  "    tf.summary.scalar(\"loss\", loss, step=step)",
  "    tf.summary.scalar(\"learning_rate\",",
  "                      optimizer.learning_rate, step=step)",
].join("\n");

const TORCH = [
  "# PyTorch: torch.utils.tensorboard",
  "writer = SummaryWriter(\"runs/run1\")",
  "writer.add_scalar(\"train/loss\", loss.item(), step)",
  "writer.add_scalar(\"lr\", scheduler.get_last_lr()[0], step)",
  "writer.add_scalar(\"val/loss\", val_loss, step)",
].join("\n");

export function loggingHelp(title) {
  return el(
    "div",
    { class: "lrh-help" },
    el("p", { class: "lrh-help-title", text: title }),
    el("div", { class: "lrh-snippets" }, snippet("Keras / TensorFlow", KERAS), snippet("PyTorch", TORCH)),
    el("p", {
      class: "lrh-help-foot",
      text:
        "Tags are recognised by name (loss, val_loss, lr, learning_rate, …). " +
        "Other names can be mapped under \"Tag mapping\" below the experiment list, or by adding " +
        "&p.lr_health.lr_tag=<regex> (or loss_tag, val_loss_tag, val_acc_tag) to TensorBoard's URL.",
    })
  );
}

function snippet(title, code) {
  return el("figure", { class: "lrh-snippet" }, el("figcaption", { text: title }), el("pre", {}, el("code", { text: code })));
}
