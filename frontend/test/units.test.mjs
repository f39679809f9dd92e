// Unit tests for the panel's pure helpers: `npm test` (node --test).
import test from "node:test";
import assert from "node:assert/strict";
import { emaDebiased } from "../src/smooth.js";
import { unionSteps, alignTo, indexAtOrBefore } from "../src/align.js";
import { num, toNumbers, fmtValue, fmtLR, fmtRange } from "../src/format.js";
import { spliceWindow } from "../src/splice.js";

test("EMA with debias: first value kept, constant stays constant", () => {
  const out = emaDebiased(Float64Array.from([5, 5, 5, 5]), 0.9);
  for (const v of out) assert.ok(Math.abs(v - 5) < 1e-12);
  const step = emaDebiased(Float64Array.from([0, 10]), 0.5);
  assert.equal(step[0], 0);
  // w = 0.5: last = 0.5 * 10 = 5 after two updates, debiased by 1 - 0.5^2
  assert.ok(Math.abs(step[1] - 5 / 0.75) < 1e-12);
});

test("EMA passes NaN/Inf through without poisoning later values", () => {
  const out = emaDebiased(Float64Array.from([1, NaN, 1, Infinity, 1]), 0.6);
  assert.ok(Number.isNaN(out[1]));
  assert.equal(out[3], Infinity);
  assert.ok(Math.abs(out[4] - 1) < 1e-12);
});

test("EMA weight 0 is the identity", () => {
  assert.deepEqual(Array.from(emaDebiased(Float64Array.from([3, 1, 2]), 0)), [3, 1, 2]);
});

test("NaN/Infinity strings from TensorBoard's JSON become numbers", () => {
  const v = toNumbers(["NaN", "Infinity", "-Infinity", 1.5, null]);
  assert.ok(Number.isNaN(v[0]));
  assert.equal(v[1], Infinity);
  assert.equal(v[2], -Infinity);
  assert.equal(v[3], 1.5);
  assert.ok(Number.isNaN(v[4]));
  assert.equal(num("3"), 3);
  assert.equal(num(null), null);
});

test("union of steps and alignment", () => {
  const xs = unionSteps([Float64Array.from([0, 2, 4]), Float64Array.from([1, 2, 5])]);
  assert.deepEqual(Array.from(xs), [0, 1, 2, 4, 5]);
  const al = alignTo(xs, Float64Array.from([1, 2, 5]), Float64Array.from([10, -1, NaN]), (v) => Number.isFinite(v) && v > 0);
  assert.deepEqual(al, [null, 10, null, null, null]);
  assert.equal(indexAtOrBefore(Float64Array.from([0, 10, 20]), 15), 1);
  assert.equal(indexAtOrBefore(Float64Array.from([0, 10, 20]), -1), -1);
  assert.equal(indexAtOrBefore(Float64Array.from([0, 10, 20]), 20), 2);
});

test("alignment is linear-time on large inputs", () => {
  const n = 200000;
  const a = new Float64Array(n).map((_, i) => i * 2);
  const b = new Float64Array(n).map((_, i) => i * 3);
  const t0 = Date.now();
  const xs = unionSteps([a, b]);
  alignTo(xs, a, a, () => true);
  alignTo(xs, b, b, () => true);
  assert.ok(Date.now() - t0 < 1500);
});

test("number formatting", () => {
  assert.equal(fmtLR(3e-4), "3e-4");
  assert.equal(fmtLR(0.1), "0.1");
  assert.equal(fmtLR(1.5e-5), "1.5e-5");
  assert.equal(fmtValue("NaN"), "NaN");
  assert.equal(fmtValue(Infinity), "∞");
  assert.equal(fmtValue(0.123456), "0.1235");
  assert.equal(fmtRange({ start_step: 10, end_step: 90 }, "step"), "steps 10–90");
  assert.equal(fmtRange({ start_step: 10, end_step: 90, step: 40 }, "epoch"), "epochs 10–90");
  assert.equal(fmtRange({ start_step: null, end_step: null, step: 7 }, "step"), "step 7");
  assert.equal(fmtRange({ start_step: null, end_step: null }, "step"), "whole run");
});

test("a zoomed report is spliced into the whole-run series", () => {
  const full = { name: "a", series: { train_loss: { steps: [0, 10, 20, 30, 40], values: [5, 4, 3, 2, 1] }, lr: null } };
  const part = { name: "a", series: { train_loss: { steps: [15, 16, 17, 18, 25], values: [3.5, 3.4, 3.3, 3.2, 2.5] }, lr: null } };
  const out = spliceWindow(full, part, { start: 14, end: 26 });
  assert.deepEqual(out.series.train_loss.steps, [0, 10, 15, 16, 17, 18, 25, 30, 40]);
  assert.deepEqual(out.series.train_loss.values, [5, 4, 3.5, 3.4, 3.3, 3.2, 2.5, 2, 1]);
  assert.equal(out.series.lr, null);
});
