// The findings overlay of a chart: one element per finding (shaded range,
// marker line, best-step line), a ribbon for findings that span the whole
// run, "off scale" marks where a curve leaves the clamped axis, and the
// stretches where the LR is exactly 0 (not drawable on a log axis).
import { el } from "./dom.js";
import { num } from "./format.js";

// Fallback marker table until the rules route answers (same shape).
const DEFAULT_MARKERS = { divergence: "point", loss_spike: "point", overfitting: "line", accuracy_drop: "line" };
const RUN_WIDE = 0.9; // a finding covering this share of the run is "run-wide"

export function findingGeometry(f, markers) {
  const table = markers || DEFAULT_MARKERS;
  const kind = table[f.kind] || "band";
  const s = num(f.start_step);
  const e = num(f.end_step);
  const one = num(f.step);
  const hasRange = s !== null && e !== null && Number.isFinite(s) && Number.isFinite(e) && e > s;
  const geo = { band: null, marker: null, line: null, type: kind };
  if (kind === "none") return geo;
  if (kind === "point") {
    const at = one !== null ? one : s !== null ? s : e;
    if (at !== null && Number.isFinite(at)) geo.marker = at;
    if (hasRange) geo.band = [s, e];
  } else if (kind === "line") {
    const at = one !== null ? one : s;
    if (at !== null && Number.isFinite(at)) geo.line = at;
    if (hasRange) geo.band = [s, e];
  } else {
    if (hasRange) geo.band = [s, e];
    else if (one !== null && Number.isFinite(one)) geo.line = one;
    else if (s !== null && Number.isFinite(s) && f.severity !== "info") geo.line = s;
  }
  return geo;
}

export function markerLabel(f) {
  switch (f.kind) {
    case "divergence":
      return "diverged";
    case "loss_spike":
      return "spike";
    case "overfitting":
      return "best val";
    case "accuracy_drop":
      return "acc drop";
    default:
      return String(f.kind || "").replace(/_/g, " ");
  }
}

function sevOf(f) {
  return f.severity === "critical" ? "critical" : f.severity === "warning" ? "warning" : "info";
}

function vline(cls, x, data, label, style) {
  return el("div", { class: "lrh-vline " + cls, style: { left: x + "px", ...(style || {}) }, dataset: data }, label ? el("span", { class: "lrh-vline-label", text: label }) : null);
}

// Draws everything into `ov` for the uPlot instance `u`; `spec` as in Chart.render.
export function drawOverlay(ov, u, spec, highlight) {
  const findings = spec.findings || [];
  const xmin = u.scales.x.min;
  const xmax = u.scales.x.max;
  const width = u.over.clientWidth || u.bbox.width / devicePixelRatio;
  const pos = (v) => u.valToPos(v, "x");
  const extent = spec.extent || [xmin, xmax];
  const runSpan = extent[1] - extent[0];
  const ribbons = [];
  let colored = 0;
  findings.forEach((f, i) => {
    if (f.hidden) return; // drawn on another chart
    const geo = findingGeometry(f, spec.markers);
    const active = i === highlight;
    const sev = sevOf(f);
    const color = f.color || null; // compare mode: the run's colour
    const wide = geo.band && runSpan > 0 && geo.band[1] - geo.band[0] >= RUN_WIDE * runSpan;
    if (wide && geo.marker === null && geo.line === null) {
      // Shading the whole chart says nothing: a ribbon above the plot instead.
      if (sev !== "info" || active) ribbons.push({ f, i, sev, active });
      return;
    }
    if (geo.band && (active || (geo.type !== "line" && sev !== "info" && !wide))) {
      const [a, b] = geo.band;
      if (b >= xmin && a <= xmax) {
        const left = Math.max(0, pos(a));
        const right = Math.min(width, pos(b));
        ov.appendChild(
          el("div", {
            class: "lrh-band sev-" + sev + (active ? " active" : ""),
            style: { left: left + "px", width: Math.max(2, right - left) + "px" },
            dataset: { finding: String(i), kind: f.kind, start: String(a), end: String(b) },
          })
        );
      }
    }
    const at = geo.marker !== null ? geo.marker : geo.line;
    if (at !== null && at >= xmin && at <= xmax && (active || sev !== "info")) {
      const isMarker = geo.marker !== null;
      const node = vline(
        "sev-" + sev + (isMarker ? " marker" : "") + (active ? " active" : "") + (color ? " colored" : ""),
        pos(at),
        { finding: String(i), kind: f.kind, step: String(at), run: f.run || "" },
        f.label || markerLabel(f),
        color ? { borderLeftColor: color } : null
      );
      if (color) {
        // several runs' labels: stagger them so they do not cover each other
        node.firstChild.style.backgroundColor = color;
        node.firstChild.style.top = 2 + 16 * (colored++ % 3) + "px";
      }
      ov.appendChild(node);
    }
    // Divergence: where the loss first became NaN/Inf (nothing is drawn
    // after that point, so say it on the chart).
    const nanAt = f.kind === "divergence" && f.evidence ? num(f.evidence.first_nonfinite_step) : null;
    if (!color && nanAt !== null && Number.isFinite(nanAt) && nanAt >= xmin && nanAt <= xmax && nanAt !== at) {
      const x = pos(nanAt);
      const node = vline("sev-" + sev + " nonfinite" + (active ? " active" : ""), x, { finding: String(i), kind: "nonfinite", step: String(nanAt) }, "NaN/Inf");
      if (at !== null && Math.abs(pos(at) - x) < 70) node.firstChild.classList.add("low");
      ov.appendChild(node);
    }
  });
  if (ribbons.length) {
    ov.appendChild(
      el(
        "div",
        { class: "lrh-ribbons" },
        ribbons.map(({ f, i, sev, active }) =>
          el("span", {
            class: "lrh-runwide sev-" + sev + (active ? " active" : ""),
            dataset: { finding: String(i), kind: f.kind },
            title: "Spans the whole run",
            text: "whole run: " + markerLabel(f),
          })
        )
      )
    );
  }
  for (const m of spec.offscale || []) {
    if (m.step < xmin || m.step > xmax) continue;
    const node = vline("offscale", pos(m.step), { kind: "offscale", step: String(m.step) }, "↑ off scale", m.color ? { borderLeftColor: m.color } : null);
    node.title = m.text || "";
    ov.appendChild(node);
  }
  if (spec.scales && spec.scales.lr && spec.scales.lr.log) {
    for (const [a, b] of spec.zeroLR || []) {
      if (b < xmin || a > xmax) continue;
      const left = Math.max(0, pos(a));
      const right = Math.min(width, pos(b));
      ov.appendChild(
        el(
          "div",
          {
            class: "lrh-zero",
            style: { left: left + "px", width: Math.max(3, right - left) + "px" },
            dataset: { kind: "lr-zero", start: String(a), end: String(b) },
            title: "The learning rate is exactly 0 here (not drawable on a log axis)",
          },
          el("span", { class: "lrh-zero-label" + (right < 80 ? " left" : ""), text: "LR = 0" })
        )
      );
    }
  }
}
