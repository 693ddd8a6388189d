import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { exampleFunctions } from '../../examples/exampleFunctions.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const README = readFileSync(new URL('README.md', EXAMPLES), 'utf8');

describe('examples/README.md', () => {
  it('links every file of examples/', () => {
    const files = readdirSync(EXAMPLES).filter((file) => /\.(ts|mjs|json)$/.test(file));
    assert.deepEqual(files.filter((file) => !README.includes(`](${file})`)), []);
  });

  it('gives a run command for every example function, and names only real ones', () => {
    const names = exampleFunctions().map((fn) => fn.name);
    const commanded = [...README.matchAll(/`npx tsx examples\/run\.ts ([a-z-]+)/g)].map((match) => match[1]);
    assert.deepEqual(names.filter((name) => !commanded.includes(name)), []);
    assert.deepEqual(commanded.filter((name) => !names.includes(name!)), []);
  });

  it('puts a comment saying what it shows at the top of every example file', () => {
    const files = readdirSync(EXAMPLES).filter((file) => /\.(ts|mjs)$/.test(file)).map((file) => new URL(file, EXAMPLES));
    files.push(new URL('deploy/handler.ts', EXAMPLES));
    for (const file of files) assert.match(readFileSync(file, 'utf8'), /^\/\/ \S/, file.pathname);
  });
});
