// Refuses a Node.js older than the package supports, with a message instead of a stack trace
// from a dependency (undici 8 needs 22.19). Imported first by each bin.
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = /^>=(\d+)\.(\d+)/.exec(engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (wanted && (major < Number(wanted[1]) || (major === Number(wanted[1]) && minor < Number(wanted[2])))) {
  console.error(`rx-lambda needs Node.js ${wanted[1]}.${wanted[2]} or later (engines ${engines.node}); this is Node.js ${process.versions.node}. Install a newer Node.js (for example with nvm, fnm or volta).`);
  process.exit(1);
}
