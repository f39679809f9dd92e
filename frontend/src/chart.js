// One uPlot chart with a live legend and a findings overlay (shaded step
// ranges, vertical markers). The overlay holds one element per finding, never
// per point; the chart is rebuilt from a plain "spec" on each update.

import uPlot from "uplot";
import { el, clear } from "./dom.js";
import { unionSteps, alignTo, indexAtOrBefore } from "./align.js";
import { fmtStep, fmtValue, num } from "./format.js";

const AXIS_FONT = "11px Roboto, 'Helvetica Neue', Arial, sans-serif";
const AXIS_STROKE = "#5f6368";
const GRID = { stroke: "rgba(0,0,0,0.07)", width: 1 };
const TICKS = { stroke: "rgba(0,0,0,0.15)", width: 1, size: 4 };

// Kinds drawn as a marker at one step (plus a band when they span a range).
const MARKER_KINDS = new Set(["divergence", "loss_spike"]);
// Kinds whose single step is a reference line (best validation step).
const LINE_KINDS = new Set(["overfitting", "accuracy_drop"]);

export function findingGeometry(f) {
  const s = num(f.start_step);
  const e = num(f.end_step);
  const one = num(f.step);
  const hasRange = s !== null && e !== null && Number.isFinite(s) && Number.isFinite(e) && e > s;
  const geo = { band: null, marker: null, line: null };
  if (MARKER_KINDS.has(f.kind)) {
    const at = one !== null ? one : s !== null ? s : e;
    if (at !== null && Number.isFinite(at)) geo.marker = at;
    if (hasRange) geo.band = [s, e];
  } else if (LINE_KINDS.has(f.kind)) {
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

export class Chart {
  constructor(container, opts) {
    this.container = container;
    this.opts = Object.assign({ height: 300, onZoom: null, onReset: null, syncKey: null }, opts);
    this.root = el("div", { class: "lrh-chart" });
    this.legend = el("div", { class: "lrh-legend", "aria-live": "off" });
    this.plotBox = el("div", { class: "lrh-plot", style: { height: this.opts.height + "px" } });
    this.root.appendChild(this.legend);
    this.root.appendChild(this.plotBox);
    container.appendChild(this.root);
    this.u = null;
    this.spec = null;
    this.highlight = -1;
    this.resizeObs = new ResizeObserver(() => this._resize());
    this.resizeObs.observe(this.plotBox);
  }

  destroy() {
    this.resizeObs.disconnect();
    if (this.u) this.u.destroy();
    this.u = null;
    this.root.remove();
  }

  setHighlight(index) {
    this.highlight = index;
    if (this.u) this._drawOverlay(this.u);
  }

  setXRange(min, max) {
    if (this.u && Number.isFinite(min) && Number.isFinite(max) && max > min) {
      this.u.setScale("x", { min, max });
    }
  }

  render(spec) {
    this.spec = spec;
    const series = spec.series.filter((s) => s.steps.length > 0);
    this.root.dataset.series = String(series.length);
    this._buildLegend(spec, series);
    if (this.u) {
      this.u.destroy();
      this.u = null;
    }
    if (series.length === 0) {
      this.plotBox.classList.add("lrh-plot-empty");
      clear(this.plotBox).appendChild(el("div", { class: "lrh-plot-msg", text: spec.emptyText || "No data to draw." }));
      return;
    }
    this.plotBox.classList.remove("lrh-plot-empty");
    clear(this.plotBox);

    const scaleLog = {};
    for (const [key, sc] of Object.entries(spec.scales)) scaleLog[key] = !!sc.log;
    const xs = unionSteps(series.map((s) => s.steps));
    const data = [xs];
    for (const s of series) {
      const log = scaleLog[s.scale];
      const keep = log ? (v) => v > 0 && Number.isFinite(v) : (v) => Number.isFinite(v);
      data.push(alignTo(xs, s.steps, s.values, keep));
    }

    const scales = { x: { time: false } };
    const axes = [
      {
        scale: "x",
        label: spec.xLabel || "step",
        labelSize: 14,
        size: 34,
        labelFont: AXIS_FONT,
        font: AXIS_FONT,
        stroke: AXIS_STROKE,
        grid: GRID,
        ticks: TICKS,
        values: (u, splits) => splits.map((v) => fmtTick(v)),
      },
    ];
    let side = 3;
    for (const [key, sc] of Object.entries(spec.scales)) {
      scales[key] = sc.log ? { distr: 3, log: 10 } : { distr: 1 };
      if (sc.log) scales[key].range = (u, min, max) => logRange(min, max);
      else scales[key].range = (u, min, max) => linRange(min, max);
      axes.push({
        scale: key,
        side,
        label: sc.label,
        labelSize: 18,
        labelFont: AXIS_FONT,
        font: AXIS_FONT,
        stroke: sc.color || AXIS_STROKE,
        size: 58,
        grid: side === 3 ? (sc.log ? { ...GRID, filter: decadesOnly } : GRID) : { show: false },
        ticks: sc.log ? { ...TICKS, filter: decadesOnly } : TICKS,
        values: (u, splits) => splits.map((v) => (v === null ? "" : sc.fmt ? sc.fmt(v) : fmtValue(v))),
      });
      side = 1;
    }

    const self = this;
    const opts = {
      width: Math.max(200, this.plotBox.clientWidth || 600),
      height: this.opts.height,
      legend: { show: false },
      padding: [8, 4, 0, 4],
      scales,
      axes,
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          scale: s.scale,
          stroke: s.color,
          width: s.width || 1.5,
          dash: s.dash || undefined,
          spanGaps: true,
          points: { show: false },
        })),
      ],
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { size: 6 },
        sync: this.opts.syncKey ? { key: this.opts.syncKey } : undefined,
        bind: {
          dblclick: () => (e) => {
            if (e.button === 0 && self.opts.onReset) self.opts.onReset();
            return null;
          },
        },
      },
      hooks: {
        setSelect: [
          (u) => {
            const sel = u.select;
            if (sel.width < 4) return;
            const min = u.posToVal(sel.left, "x");
            const max = u.posToVal(sel.left + sel.width, "x");
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            if (max > min) {
              u.setScale("x", { min, max });
              if (self.opts.onZoom) self.opts.onZoom(min, max);
            }
          },
        ],
        setCursor: [(u) => self._updateLegend(u)],
        draw: [(u) => self._drawOverlay(u)],
      },
    };
    this.seriesMeta = series;
    this.u = new uPlot(opts, data, this.plotBox);
    this.overlay = el("div", { class: "lrh-overlay" });
    this.u.over.appendChild(this.overlay);
    if (spec.window) {
      this.u.setScale("x", { min: spec.window.start, max: spec.window.end });
    }
    this._drawOverlay(this.u);
    this._updateLegend(this.u);
  }

  _resize() {
    if (!this.u) return;
    const w = this.plotBox.clientWidth;
    if (w > 0 && Math.abs(w - this.u.width) > 1) {
      this.u.setSize({ width: w, height: this.opts.height });
    }
  }

  _buildLegend(spec, series) {
    clear(this.legend);
    this.legendStep = el("span", { class: "lrh-legend-step" });
    this.legend.appendChild(this.legendStep);
    this.legendValues = [];
    for (const s of series) {
      if (s.legend === false) {
        this.legendValues.push(null);
        continue;
      }
      const value = el("span", { class: "lrh-legend-value" });
      const item = el(
        "span",
        { class: "lrh-legend-item", title: s.title || s.label },
        el("span", {
          class: "lrh-swatch" + (s.dash ? " dashed" : ""),
          style: { borderColor: s.color, backgroundColor: s.dash ? "transparent" : s.color },
        }),
        el("span", { class: "lrh-legend-label", text: s.label }),
        value
      );
      this.legend.appendChild(item);
      this.legendValues.push(value);
    }
  }

  // Values at the cursor (last point at or before it) or, when the cursor is
  // away, at each series' last point.
  _updateLegend(u) {
    if (!this.seriesMeta) return;
    const idx = u.cursor.idx;
    const x = idx === null || idx === undefined ? null : u.data[0][idx];
    this.legendStep.textContent = x === null ? (this.spec.xLabel || "step") + " (last)" : (this.spec.xLabel || "step") + " " + fmtStep(x);
    this.seriesMeta.forEach((s, i) => {
      const span = this.legendValues[i];
      if (!span) return;
      let j;
      if (x === null) j = s.steps.length - 1;
      else j = indexAtOrBefore(s.steps, x);
      const raw = s.raw || s.values;
      span.textContent = j < 0 ? "–" : (s.fmt || fmtValue)(raw[j]);
    });
  }

  _drawOverlay(u) {
    const ov = this.overlay;
    if (!ov) return;
    clear(ov);
    const findings = (this.spec && this.spec.findings) || [];
    const xmin = u.scales.x.min;
    const xmax = u.scales.x.max;
    this.root.dataset.xMin = String(xmin);
    this.root.dataset.xMax = String(xmax);
    const width = u.over.clientWidth || u.bbox.width / devicePixelRatio;
    const pos = (v) => u.valToPos(v, "x");
    findings.forEach((f, i) => {
      const geo = findingGeometry(f);
      const active = i === this.highlight;
      const sev = f.severity === "critical" ? "critical" : f.severity === "warning" ? "warning" : "info";
      if (geo.band && (active || (!LINE_KINDS.has(f.kind) && sev !== "info"))) {
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
        const x = pos(at);
        const isMarker = geo.marker !== null;
        ov.appendChild(
          el(
            "div",
            {
              class: "lrh-vline sev-" + sev + (isMarker ? " marker" : "") + (active ? " active" : ""),
              style: { left: x + "px" },
              dataset: { finding: String(i), kind: f.kind, step: String(at) },
            },
            el("span", { class: "lrh-vline-label", text: markerLabel(f) })
          )
        );
      }
      // Divergence: where the loss first became NaN/Inf (nothing is drawn
      // after that point, so say it on the chart).
      const nanAt = f.kind === "divergence" && f.evidence ? num(f.evidence.first_nonfinite_step) : null;
      if (nanAt !== null && Number.isFinite(nanAt) && nanAt >= xmin && nanAt <= xmax && nanAt !== at) {
        const x = pos(nanAt);
        const close = at !== null && Math.abs(pos(at) - x) < 70;
        ov.appendChild(
          el(
            "div",
            {
              class: "lrh-vline sev-" + sev + " nonfinite" + (active ? " active" : ""),
              style: { left: x + "px" },
              dataset: { finding: String(i), kind: "nonfinite", step: String(nanAt) },
            },
            el("span", { class: "lrh-vline-label" + (close ? " low" : ""), text: "NaN/Inf" })
          )
        );
      }
    });
  }
}

// Step axis ticks: 25000 -> "25k", 1500000 -> "1.5M".
function fmtTick(v) {
  const a = Math.abs(v);
  if (a >= 1e6) return Number((v / 1e6).toPrecision(3)) + "M";
  if (a >= 1e4) return Number((v / 1e3).toPrecision(3)) + "k";
  return fmtStep(v);
}

function markerLabel(f) {
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
      return f.kind.replace(/_/g, " ");
  }
}

// Log axes: grid lines and ticks at powers of ten only (labels keep uPlot's
// own choice of intermediate values).
function decadesOnly(u, splits) {
  return splits.map((v) => {
    if (!(v > 0)) return null;
    const e = Math.log10(v);
    return Math.abs(e - Math.round(e)) < 1e-9 ? v : null;
  });
}

function linRange(min, max) {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    return [min - d, max + d];
  }
  const pad = (max - min) * 0.05;
  const lo = min >= 0 && min - pad < 0 ? 0 : min - pad;
  return [lo, max + pad];
}

function logRange(min, max) {
  if (min === null || max === null || !(min > 0) || !(max > 0)) return [1e-4, 1];
  let lo = Math.pow(10, Math.floor(Math.log10(min)));
  let hi = Math.pow(10, Math.ceil(Math.log10(max)));
  if (lo === hi) {
    lo /= 10;
    hi *= 10;
  }
  return [lo, hi];
}
