// A small SVG plot frame with a log-10 x axis, shared by the range-test and
// sweep views (drawn as SVG, so every mark is a DOM node: inspectable, testable,
// and crisp at any zoom). Untrusted text only ever reaches the page as
// textContent.

import { fmtLR, fmtValue } from "./format.js";

const NS = "http://www.w3.org/2000/svg";

export function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  }
  if (text !== undefined) node.textContent = String(text);
  return node;
}

export function finite(x) {
  return typeof x === "number" ? Number.isFinite(x) : x !== null && x !== undefined && x !== "" && Number.isFinite(Number(x));
}

// Frame: a plot area over [x0, x1] (LR, log10) and [y0, y1] (linear or log10).
export function frame(opts) {
  const width = opts.width || 640;
  const height = opts.height || 300;
  const m = { l: 58, r: 16, t: 14, b: 40 };
  // log10 range with a margin, so points at the ends are not cut in half
  let lx0 = Math.log10(opts.x0);
  let lx1 = Math.log10(opts.x1);
  const xpad = Math.max(lx1 - lx0, 1) * 0.05;
  lx0 -= xpad;
  lx1 = Math.max(lx1, lx0 + 1) + xpad;
  const logY = !!opts.logY;
  const ty = (v) => (logY ? Math.log10(v) : v);
  let y0 = ty(opts.y0);
  let y1 = ty(opts.y1);
  if (!(y1 > y0)) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const pad = (y1 - y0) * 0.06;
  y0 -= pad;
  y1 += pad;
  const W = width - m.l - m.r;
  const H = height - m.t - m.b;
  const X = (lr) => m.l + ((Math.log10(lr) - lx0) / (lx1 - lx0)) * W;
  const Y = (v) => m.t + (1 - (ty(v) - y0) / (y1 - y0)) * H;
  const root = svg("svg", {
    class: "lrh-svgplot",
    viewBox: "0 0 " + width + " " + height,
    width: "100%",
    "data-xscale": "log",
    "data-yscale": logY ? "log" : "linear",
    role: "img",
    "aria-label": opts.label || "chart",
  });
  const clipId = "lrh-clip-" + Math.random().toString(36).slice(2);
  const defs = svg("defs");
  const cp = svg("clipPath", { id: clipId });
  cp.appendChild(svg("rect", { x: m.l, y: m.t, width: W, height: H }));
  defs.appendChild(cp);
  root.appendChild(defs);
  const axes = svg("g", { class: "lrh-axes" });
  axes.appendChild(svg("rect", { x: m.l, y: m.t, width: W, height: H, class: "lrh-plotbg" }));
  for (let d = Math.ceil(lx0); d <= Math.floor(lx1); d++) {
    const x = m.l + ((d - lx0) / (lx1 - lx0)) * W;
    axes.appendChild(svg("line", { x1: x, x2: x, y1: m.t, y2: m.t + H, class: "lrh-grid" }));
    axes.appendChild(svg("text", { x, y: m.t + H + 16, class: "lrh-tick x", "text-anchor": "middle", "data-decade": d }, fmtLR(Math.pow(10, d))));
  }
  for (let i = 0; i <= 4; i++) {
    const yv = y0 + ((y1 - y0) * i) / 4;
    const y = m.t + (1 - i / 4) * H;
    axes.appendChild(svg("line", { x1: m.l, x2: m.l + W, y1: y, y2: y, class: "lrh-grid" }));
    axes.appendChild(svg("text", { x: m.l - 6, y: y + 4, class: "lrh-tick y", "text-anchor": "end" }, fmtValue(logY ? Math.pow(10, yv) : yv)));
  }
  axes.appendChild(svg("text", { x: m.l + W / 2, y: height - 4, class: "lrh-axis-label", "text-anchor": "middle" }, opts.xLabel || "learning rate (log scale)"));
  const yl = svg("text", { x: 12, y: m.t + H / 2, class: "lrh-axis-label", "text-anchor": "middle", transform: "rotate(-90 12 " + (m.t + H / 2) + ")" }, opts.yLabel || "loss");
  axes.appendChild(yl);
  root.appendChild(axes);
  const plot = svg("g", { class: "lrh-plot", "clip-path": "url(#" + clipId + ")" });
  root.appendChild(plot);
  return { root, plot, X, Y, m, W, H, top: m.t, bottom: m.t + H, right: m.l + W };
}

// A vertical marker line with a label at the top.
// `row` stacks the labels of several markers; past 70 % of the width the
// label goes to the left of its line.
export function vmarker(f, lr, cls, label, name, row) {
  const x = f.X(lr);
  const g = svg("g", { class: "lrh-vmarker " + cls, "data-marker": name, "data-lr": lr });
  g.appendChild(svg("line", { x1: x, x2: x, y1: f.top, y2: f.bottom }));
  const left = x > f.m.l + 0.7 * f.W;
  g.appendChild(svg("text", { x: left ? x - 4 : x + 4, y: f.top + 12 + 14 * (row || 0), "text-anchor": left ? "end" : "start" }, label));
  return g;
}

export function pathOf(f, xs, ys) {
  let d = "";
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i] > 0) || !Number.isFinite(ys[i])) {
      pen = false;
      continue;
    }
    d += (pen ? "L" : "M") + f.X(xs[i]).toFixed(2) + "," + f.Y(ys[i]).toFixed(2);
    pen = true;
  }
  return d;
}
