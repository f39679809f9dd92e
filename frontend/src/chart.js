// One uPlot chart with a live legend and a findings overlay (shaded step
// ranges, vertical markers). The overlay holds one element per finding, never
// per point; the chart is rebuilt from a plain "spec" on each update.

import uPlot from "uplot";
import { el, clear } from "./dom.js";
import { unionSteps, alignTo, indexAtOrBefore } from "./align.js";
import { fmtStep, fmtValue } from "./format.js";
import { fmtStepTick, decadesOnly, formatTicks, logLabelled, linRange, logRange } from "./chart_axes.js";
import { drawOverlay, findingGeometry } from "./chart_overlay.js";

const AXIS_FONT = "11px Roboto, 'Helvetica Neue', Arial, sans-serif";

// Axis and grid colours come from the theme (CSS variables), read per render.
function themeColors() {
  const cs = getComputedStyle(document.documentElement);
  const v = (name, dflt) => (cs.getPropertyValue(name) || "").trim() || dflt;
  return { axis: v("--lrh-axis", "#5f6368"), grid: v("--lrh-grid", "rgba(0,0,0,0.07)"), tick: v("--lrh-tick", "rgba(0,0,0,0.15)") };
}

export { findingGeometry };

const STEP_INCRS = [];
for (let e = 0; e <= 9; e++) for (const m of [1, 2, 5]) STEP_INCRS.push(m * 10 ** e);

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

  // The drawn x range [min, max], or null.
  xRange() {
    return this.u ? [this.u.scales.x.min, this.u.scales.x.max] : null;
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

    const theme = themeColors();
    const GRID = { stroke: theme.grid, width: 1 };
    const TICKS = { stroke: theme.tick, width: 1, size: 4 };
    const scales = { x: { time: false } };
    this.ticks = {};
    const axes = [
      {
        scale: "x",
        label: spec.xLabel || "step",
        labelSize: 14,
        size: 34,
        labelFont: AXIS_FONT,
        font: AXIS_FONT,
        stroke: theme.axis,
        grid: GRID,
        ticks: TICKS,
        // steps are whole numbers: whole-number tick spacing only
        incrs: STEP_INCRS,
        values: (u, splits) => (this.ticks.x = splits.map((v) => fmtStepTick(v))),
      },
    ];
    let side = 3;
    const keys = Object.keys(spec.scales);
    for (const key of keys) {
      const sc = spec.scales[key];
      scales[key] = sc.log ? { distr: 3, log: 10 } : { distr: 1 };
      if (sc.log) scales[key].range = (u, min, max) => logRange(min, max, sc.max);
      else scales[key].range = (u, min, max) => linRange(min, max, sc.max);
      axes.push({
        scale: key,
        side,
        label: sc.label,
        labelSize: 18,
        labelFont: AXIS_FONT,
        font: AXIS_FONT,
        stroke: sc.color || theme.axis,
        size: 58,
        grid: side === 3 ? (sc.log ? { ...GRID, filter: decadesOnly } : GRID) : { show: false },
        ticks: sc.log ? { ...TICKS, filter: decadesOnly } : TICKS,
        values: (u, splits) => {
          const sel = sc.log ? logLabelled(splits, u.scales[key].min, u.scales[key].max) : splits;
          return (this.ticks[key] = formatTicks(sel, sc.log));
        },
      });
      side = 1;
    }
    // No axis on the right: room for the last x tick label.
    const padRight = keys.length > 1 ? 4 : spec.rightGutter ? 62 : 18;

    const self = this;
    const opts = {
      width: Math.max(200, this.plotBox.clientWidth || 600),
      height: this.opts.height,
      legend: { show: false },
      padding: [spec.topPad || 8, padRight, 0, 4],
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
          paths: s.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined,
          points: s.points ? { show: true, size: 4, fill: s.color, stroke: s.color } : { show: false },
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
    } else if (spec.xRange) {
      this.u.setScale("x", { min: spec.xRange[0], max: spec.xRange[1] });
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
        { class: "lrh-legend-item", title: s.title || s.label, dataset: { paths: s.stepped ? "stepped" : "linear" } },
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
    this.root.dataset.xMin = String(u.scales.x.min);
    this.root.dataset.xMax = String(u.scales.x.max);
    // Drawn ranges and tick labels, for tests and for the curious.
    const ranges = {};
    for (const k of Object.keys(this.spec.scales || {})) ranges[k] = [u.scales[k].min, u.scales[k].max];
    this.root.dataset.scales = JSON.stringify(ranges);
    this.root.dataset.ticks = JSON.stringify(this.ticks || {});
    drawOverlay(ov, u, this.spec, this.highlight);
  }
}
