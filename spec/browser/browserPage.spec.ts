import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { PARTS } from '../../examples/browserPage.js';
import { startExamples, type RunningExamples } from '../examples/startExamples.js';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from './chromium.js';


/** How long the page may take to show part 1: a failure bound only (a cold start is about 0.5 s). */
const FIRST_PART_TIMEOUT_MS = 20_000;

/** A loopback server whose `/release` answers only when `release()` is called. */
interface ReleaseGate {
  readonly url: string;
  /** Resolves when the function has asked to be released, i.e. it has sent part 1 and waits. */
  readonly asked: Promise<void>;
  /** Whether the function is still waiting (its request is open). */
  pending(): boolean;
  release(): void;
  close(): Promise<void>;
}

async function startReleaseGate(): Promise<ReleaseGate> {
  let waiting: ServerResponse | undefined;
  let released = false;
  let onAsked!: () => void;
  const asked = new Promise<void>((resolve) => (onAsked = resolve));
  const server: Server = createServer((req, res) => {
    if (req.url !== '/release') {
      res.writeHead(404).end();
      return;
    }
    if (released) {
      res.end('released');
      return;
    }
    waiting = res;
    onAsked();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/release`,
    asked,
    pending: () => waiting !== undefined && !released,
    release() {
      released = true;
      waiting?.end('released');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('examples/browserPage in Chromium', function () {
  this.timeout(60_000);
  let running: RunningExamples | undefined;
  let gate: ReleaseGate | undefined;
  let browser: BrowserContext | undefined;
  let profile: string | undefined;

  before(requireChromium);

  after(async () => {
    gate?.release();
    await browser?.close();
    await running?.close();
    await gate?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows the first part on the page before the function has finished', async () => {
    gate = await startReleaseGate();
    running = await startExamples(['browser-page'], { RELEASE_URL: gate.url });
    profile = mkdtempSync(join(tmpdir(), 'rx-lambda-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = browser.pages()[0] ?? (await browser.newPage());

    await page.goto(`${running.emulator.url}/lambda-url/browser-page/`);
    // Part 1 is rendered while the function is blocked waiting for the release signal.
    await page.waitForSelector('#out .part[data-index="1"]', { timeout: FIRST_PART_TIMEOUT_MS });
    await gate.asked;
    assert.equal(gate.pending(), true, 'the function must still be waiting for its release');
    assert.equal(await page.locator('#out .part').count(), 1);
    assert.equal(await page.getAttribute('#status', 'data-state'), 'loading');
    assert.equal(await page.textContent('#out .part[data-index="1"]'), `part 1 of ${PARTS}: sent at once`);

    gate.release();
    await page.waitForSelector('#status[data-state="done"]');
    const parts = await page.locator('#out .part').allTextContents();
    assert.deepEqual(
      parts,
      Array.from({ length: PARTS }, (_, i) => `part ${i + 1} of ${PARTS}: ${i === 0 ? 'sent at once' : 'sent later'}`),
    );
  });
});
