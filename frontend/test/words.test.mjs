// Evidence in plain words (labels from the rules route).
import test from "node:test";
import assert from "node:assert/strict";
import { evidenceText, evidenceItems, aboutSeries } from "../src/views/words.js";

test("units read as practitioners write them", () => {
  assert.equal(evidenceText(22.33, "%"), "22 %");
  assert.equal(evidenceText(0.7979, "x"), "0.8×");
  assert.equal(evidenceText(3e-4, "LR"), "3e-4");
  assert.equal(evidenceText(12, "step", "epoch"), "epoch 12");
  assert.equal(evidenceText(42, "points"), "42 points");
  assert.equal(evidenceText(44.3312, ""), "44.3");
  assert.equal(evidenceText("NaN", ""), "NaN");
});

test("internal flags hidden, labels and hints from the rule", () => {
  const rule = { evidence: { rise_fall_ratio: { label: "rises over falls", unit: "x", hint: "h", hidden: false },
                             escalated: { label: "e", unit: "", hint: "", hidden: true } } };
  const f = { kind: "oscillation", evidence: { rise_fall_ratio: 0.7979, escalated: true, curve: "training", other_flag: false, peak_sigmas: 44.33 } };
  const items = evidenceItems(f, rule, "step");
  assert.deepEqual(items.map((i) => [i.label, i.text, i.hint]), [["rises over falls", "0.8×", "h"], ["peak sigmas", "44.3", ""]]);
  assert.deepEqual(aboutSeries(f, { roles: { train_loss: { tag: "train/loss" } }, series: {} }), { label: "train loss", tag: "train/loss" });
});

test("a detection score standing in for the accuracy is named, not called an accuracy", () => {
  const rep = { roles: { val_acc: { tag: "metrics/mAP50(B)" } }, series: { val_acc: { tag: "metrics/mAP50(B)", score: "mAP50(B)" } } };
  const f = { kind: "accuracy_drop", evidence: {}, message: "" };
  assert.deepEqual(aboutSeries(f, rep), { label: "val mAP50(B)", tag: "metrics/mAP50(B)" });
  const acc = { roles: { val_acc: { tag: "val/acc" } }, series: { val_acc: { tag: "val/acc" } } };
  assert.deepEqual(aboutSeries(f, acc), { label: "val accuracy", tag: "val/acc" });
});

test("a finding about one part of a detection loss names that part", () => {
  const rep = { roles: { train_loss: { tag: "train/box_loss", parts: ["train/cls_loss"] } }, series: {} };
  const f = { kind: "divergence", evidence: { curve: "training" }, message: "On train/cls_loss: ...", loss_part: "train/cls_loss" };
  assert.deepEqual(aboutSeries(f, rep), { label: "train loss part", tag: "train/cls_loss" });
  assert.deepEqual(aboutSeries({ kind: "divergence", evidence: { curve: "training" }, message: "" }, rep), { label: "train loss", tag: "train/box_loss" });
});
