#!/usr/bin/env node
// Entry point of the `loupe` command: runs the built CLI (built by `npm ci` through `prepare`).
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'out', 'cli', 'loupe.js');
if (!fs.existsSync(built)) {
  process.stderr.write('loupe: not built yet; run `npm run build` (npm ci does it for you)\n');
  process.exit(1);
}
require(built);
