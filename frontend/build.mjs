// Bundles the panel into ../tb_lrsched/static/ (index.js ES module + index.css).
// Usage: node build.mjs [--watch]
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";
import fs from "node:fs";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, "..", "tb_lrsched", "static");

const options = {
  entryPoints: { index: path.join(here, "src", "index.js") },
  bundle: true,
  format: "esm",
  target: ["es2020"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  outdir,
  logLevel: "info",
};

if (process.argv.includes("--watch")) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}

// uPlot is MIT licensed: ship its licence next to the bundle.
fs.copyFileSync(
  path.join(here, "node_modules", "uplot", "LICENSE"),
  path.join(outdir, "THIRD_PARTY_LICENSES.txt")
);
