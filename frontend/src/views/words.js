// Plain words for findings: evidence chips labelled from the rules route
// (label, unit, hover hint; internal flags hidden), and which series a
// finding is about, named as the legend and the header name it.
import { fmtValue, fmtLR, fmtStep, num } from "../format.js";

// How a value reads with its unit: "x" ratios "0.8×", "%" percentages,
// "LR" like the LR axis, "step" as a step (or epoch) number.
export function evidenceText(value, unit, stepUnit) {
  if (Array.isArray(value)) return value.map((v) => evidenceText(v, unit, stepUnit)).join(", ");
  if (value === null || value === undefined) return "–";
  if (typeof value === "string" && Number.isNaN(Number(value)) && value !== "NaN") return value;
  const v = num(value);
  if (!Number.isFinite(v)) return fmtValue(v);
  switch (unit) {
    case "x":
      return String(Number(v.toPrecision(2))) + "×";
    case "%":
      return String(Math.round(v)) + " %";
    case "LR":
      return fmtLR(v);
    case "step":
      return (stepUnit === "epoch" ? "epoch " : "step ") + fmtStep(v);
    default: {
      const text = Math.abs(v) >= 1000 || Number.isInteger(v) ? fmtValue(v) : String(Number(v.toPrecision(3)));
      return unit ? text + " " + unit : text;
    }
  }
}

function humanKey(k) {
  return k.replace(/_/g, " ").replace(/\blr\b/g, "LR").replace(/\bval\b/g, "val");
}

// [{key, label, text, hint}] for the chips of one finding.
export function evidenceItems(f, rule, stepUnit) {
  const evidence = f.evidence && typeof f.evidence === "object" ? Object.entries(f.evidence) : [];
  const labels = (rule && rule.evidence) || {};
  const out = [];
  for (const [k, v] of evidence) {
    const lab = labels[k];
    if (lab && lab.hidden) continue;
    if (!lab && typeof v === "boolean") continue; // an internal flag
    if (k === "curve") continue; // said by the "about" line
    out.push({ key: k, label: lab ? lab.label : humanKey(k), text: evidenceText(v, lab ? lab.unit : "", stepUnit), hint: lab && lab.hint ? lab.hint : "" });
  }
  return out;
}

// Which series a finding is about: {label, tag} in the legend's words.
export function aboutSeries(f, rep) {
  const roles = rep.roles || {};
  const ser = rep.series || {};
  const fine = ser.train_loss_fine;
  const tagOf = (role) => (roles[role] && roles[role].tag) || (ser[role] && ser[role].tag) || "";
  const train = { label: fine ? "train loss (epoch)" : "train loss", tag: tagOf("train_loss") };
  const val = { label: "val loss", tag: tagOf("val_loss") };
  const score = ser.val_acc && typeof ser.val_acc.score === "string" ? ser.val_acc.score : "";
  const acc = { label: score ? "val " + score : "val accuracy", tag: tagOf("val_acc") };
  // one part of a detection loss logged only as its parts (train/cls_loss beside train/box_loss)
  if (f.loss_part && typeof f.loss_part === "string") return { label: "train loss part", tag: f.loss_part };
  if (f.series && typeof f.series === "string") {
    const map = { train_loss: train, val_loss: val, train_loss_fine: { label: "train loss (batch)", tag: fine ? fine.tag : "" }, lr: { label: "LR", tag: tagOf("lr") }, val_acc: acc };
    if (map[f.series]) return map[f.series];
  }
  const curve = f.evidence && f.evidence.curve;
  if (curve === "training") return train;
  if (curve === "validation") return val;
  const msg = String(f.message || "");
  switch (f.kind) {
    case "overfitting":
    case "possible_leakage":
      return { label: "val loss vs train loss", tag: "" };
    case "accuracy_drop":
      return acc;
    case "constant_lr":
    case "decay_too_aggressive":
      return { label: "LR", tag: tagOf("lr") };
    case "missing_validation":
    case "missing_lr":
      return null;
    default:
      if (/batch training loss/.test(msg) && fine) return { label: "train loss (batch)", tag: fine.tag || "" };
      if (/validation loss/.test(msg) && !/training loss/.test(msg)) return val;
      return roles.train_loss || ser.train_loss ? train : roles.val_loss ? val : null;
  }
}
