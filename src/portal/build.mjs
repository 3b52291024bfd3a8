// Builds the portal into dist/: one bundled script (no inline code, nothing from a CDN) next to the static files.
// A production build ships no source map; `node build.mjs --sourcemap` (or OPSHELM_PORTAL_SOURCEMAP=1) writes one for debugging.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "dist";
const sourcemap = process.argv.includes("--sourcemap") || process.env.OPSHELM_PORTAL_SOURCEMAP === "1";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap,
  outfile: `${out}/app.js`,
  logLevel: "warning",
});
cpSync("public", out, { recursive: true });
console.log(`portal built into ${out}/`);
