// Unit tests of the chart-spec helpers (pure functions).
import test from "node:test";
import assert from "node:assert/strict";
import { lossClamp, autoSmoothing, zeroRanges, lrLabel } from "../src/series.js";
import { formatTicks, logRange } from "../src/chart_axes.js";

const f64 = (a) => Float64Array.from(a);

test("loss axis clamps at a few times the loss before the explosion", () => {
  const steps = f64([0, 1, 2, 3, 4, 5, 6, 7]);
  const vals = f64([2.3, 1.5, 1.0, 0.8, 50, 1e6, 1e19, NaN]);
  const { cap, offscale } = lossClamp([{ label: "train loss", steps, values: vals, divAt: 7 }]);
  assert.ok(Math.abs(cap - 6.9) < 1e-9, String(cap));
  assert.equal(offscale.length, 1);
  assert.equal(offscale[0].step, 4);
});

test("no clamp without a divergence or when nothing leaves the range", () => {
  assert.equal(lossClamp([{ label: "a", steps: f64([0, 1]), values: f64([100, 1]), divAt: null }]).cap, null);
  assert.equal(lossClamp([{ label: "a", steps: f64([0, 1, 2]), values: f64([2, 1, NaN]), divAt: 2 }]).cap, null);
});

test("default smoothing follows the point density", () => {
  assert.equal(autoSmoothing(40), 0);
  assert.equal(autoSmoothing(5000), 0.6);
  const mid = autoSmoothing(300);
  assert.ok(mid > 0 && mid < 0.6);
});

test("LR zero stretches and short labels", () => {
  assert.deepEqual(zeroRanges({ steps: f64([0, 1, 2, 3, 4]), values: f64([1, 0, 0, 1, 0]) }), [[1, 3], [4, 4]]);
  assert.equal(lrLabel({ tag: "epoch_learning_rate" }, true), "LR (per epoch)");
  assert.equal(lrLabel({ tag: "batch_learning_rate" }, true), "LR (per batch)");
  assert.equal(lrLabel({ tag: "batch_learning_rate" }, false), "LR");
});

test("one tick format per axis and padded log ranges", () => {
  assert.deepEqual(formatTicks([0.25, 0.5, 0.75, 1], false), ["0.25", "0.50", "0.75", "1.00"]);
  assert.deepEqual(formatTicks([1e-5, 1e-4, 1e-3], true), ["1e-5", "1e-4", "1e-3"]);
  assert.deepEqual(formatTicks([10, 1e5], true), ["1e1", "1e5"]);
  const [lo, hi] = logRange(0.0010000000474974513, 0.0010000000474974513);
  const pos = (Math.log10(1e-3) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  assert.ok(pos > 0.1 && pos < 0.9, String(pos));
  assert.equal(logRange(0.1, 1e19, 6.9)[1], 10);
});

test("the accuracy chart names a detection score by its tag", async () => {
  // the chart colours read the page's theme class: a bare document for node
  globalThis.document = globalThis.document || { documentElement: { classList: { contains: () => false } } };
  const { accuracySpec } = await import("../src/series.js");
  const rep = { step_unit: "epoch", findings: [], series: { val_acc: { tag: "metrics/mAP50(B)", score: "mAP50(B)", steps: [1, 2, 3], values: [0.2, 0.4, 0.5] } } };
  const spec = accuracySpec(rep, { window: null });
  assert.equal(spec.series[0].label, "val mAP50(B)");
  assert.equal(spec.scales.acc.label, "mAP50(B)");
  const plain = { step_unit: "epoch", findings: [], series: { val_acc: { tag: "val/acc", steps: [1, 2, 3], values: [0.2, 0.4, 0.5] } } };
  assert.equal(accuracySpec(plain, { window: null }).series[0].label, "val acc");
});

test("an accuracy decline folded into overfitting is marked on the accuracy chart at its best", async () => {
  globalThis.document = globalThis.document || { documentElement: { classList: { contains: () => false } } };
  const { accuracySpec } = await import("../src/series.js");
  const over = { kind: "overfitting", severity: "warning", step: 24, start_step: 24, end_step: 39, evidence: { best_val_step: 24, best_val_acc_step: 22, drop_points: 40 } };
  const plainOver = { kind: "overfitting", severity: "warning", step: 24, start_step: 24, end_step: 39, evidence: { best_val_step: 24 } };
  const spike = { kind: "loss_spike", severity: "warning", step: 5, evidence: {} };
  const rep = { step_unit: "epoch", findings: [spike, over, plainOver], series: { val_acc: { tag: "val/acc", steps: [1, 2, 3], values: [0.2, 0.4, 0.5] } } };
  const fs = accuracySpec(rep, { window: null }).findings;
  assert.equal(fs.length, 3); // indices kept: highlighting a finding in the list still works
  assert.equal(fs[0].hidden, true);
  assert.equal(fs[1].hidden, undefined);
  assert.equal(fs[1].step, 22);
  assert.equal(fs[1].start_step, null);
  assert.equal(fs[1].label, "acc drop");
  assert.equal(fs[2].hidden, true);
});
