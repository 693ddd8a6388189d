import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildHandler } from '../../../src/emulator/config/buildHandler.js';

const TYPED = resolve('spec/fixtures/emulator/sam/typed');

describe('buildHandler', () => {
  let out: string;

  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'rx-lambda-build-'));
  });

  after(() => rm(out, { recursive: true, force: true }));

  it('bundles TypeScript as written (.js imports of .ts, enums, tsconfig paths) with a source map, listing its inputs', async () => {
    const build = await buildHandler({ entry: join(TYPED, 'app.ts'), outFile: join(out, 'app.mjs'), cwd: TYPED });
    assert.deepEqual([...build.inputs].sort(), [join(TYPED, 'app.ts'), join(TYPED, 'lib/shout.ts'), join(TYPED, 'lib/util.ts')]);
    const code = await readFile(join(out, 'app.mjs'), 'utf8');
    assert.match(code, /"happy"/, 'the enum member was not inlined');
    assert.match(code, /sourceMappingURL=app\.mjs\.map/);
    const map = JSON.parse(await readFile(join(out, 'app.mjs.map'), 'utf8')) as { sources: string[] };
    assert.ok(map.sources.some((source) => source.endsWith('lib/util.ts')));
    const module = (await import(join(out, 'app.mjs'))) as { handler: (event: object) => Promise<{ message: string }> };
    assert.equal((await module.handler({ name: 'x' })).message, 'HI X!');
  });

  it('bundles source text that imports the handler (the packager wrapper form)', async () => {
    const build = await buildHandler({
      entry: { contents: "export { handler as main } from './app.js';", resolveDir: TYPED },
      outFile: join(out, 'wrapped.mjs'),
      cwd: TYPED,
      banner: '// wrapped',
    });
    assert.ok(build.inputs.includes(join(TYPED, 'lib/util.ts')));
    assert.match(await readFile(join(out, 'wrapped.mjs'), 'utf8'), /^\/\/ wrapped/);
  });

  it('builds with the packager\'s esbuild options: packages bundled on request come as the deployed bundle has them (rxjs from its ES module build, sources in the map)', async () => {
    const build = await buildHandler({ entry: resolve('spec/fixtures/packager/jsonHandler.ts'), outFile: join(out, 'deployed.mjs'), external: 'none' });
    assert.ok(build.inputs.some((input) => input.includes('/rxjs/dist/esm/')), 'rxjs comes from dist/esm');
    assert.ok(!build.inputs.some((input) => input.includes('/rxjs/dist/cjs/')), 'no rxjs CommonJS build');
    const map = JSON.parse(await readFile(join(out, 'deployed.mjs.map'), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
    assert.equal(map.sourcesContent?.length, map.sources.length, 'the source map carries its sources');
    const module = (await import(join(out, 'deployed.mjs'))) as { handler: unknown };
    assert.equal(typeof module.handler, 'function');
  });

  it('throws HandlerBuildError with esbuild messages and locations for code that does not build', async () => {
    await assert.rejects(
      buildHandler({ entry: { contents: "import './missing.js';", resolveDir: TYPED, sourcefile: 'broken.ts' }, outFile: join(out, 'x.mjs'), cwd: TYPED }),
      (error: Error & { code?: string; errors?: string[] }) => {
        assert.equal(error.name, 'HandlerBuildError');
        assert.equal(error.code, 'ERR_HANDLER_BUILD');
        assert.match(error.errors!.join('\n'), /broken\.ts:1:\d+: Could not resolve "\.\/missing\.js"/);
        return true;
      },
    );
  });
});
