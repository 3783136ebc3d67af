// Rewrites the generated table in docs/sizing.md from the compiled sizing code (run `npm run build` first).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { sizingTable, SIZING_DOC_RATES, replaceGeneratedTable } = require("../bin/sdk/args/sizing.js");
const path = new URL("../docs/sizing.md", import.meta.url);
writeFileSync(path, replaceGeneratedTable(readFileSync(path, "utf8"), sizingTable(SIZING_DOC_RATES)));
console.log("docs/sizing.md updated");
