import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { answerTo } from '../../examples/chatStream.js';
import { startExamples, type RunningExamples } from '../examples/startExamples.js';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from './chromium.js';


/** Failure bounds only: bundling the AI SDK client on first request takes a few seconds on a busy machine. */
const PAGE_READY_TIMEOUT_MS = 30_000;
const ANSWER_TIMEOUT_MS = 20_000;

/** Milliseconds between tokens: slow enough that the page is seen half-way through the answer. */
const TOKEN_INTERVAL_MS = 150;

describe('examples/chatStream in Chromium', function () {
  this.timeout(90_000);
  let running: RunningExamples | undefined;
  let browser: BrowserContext | undefined;
  let profile: string | undefined;

  before(requireChromium);

  after(async () => {
    await browser?.close();
    await running?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders the answer token by token with the AI SDK client, then completes it', async () => {
    running = await startExamples(['chat-stream']);
    profile = mkdtempSync(join(tmpdir(), 'rx-lambda-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${running.emulator.url}/lambda-url/chat-stream/?intervalMs=${TOKEN_INTERVAL_MS}`);
    await page.waitForSelector('#status[data-state="ready"]', { timeout: PAGE_READY_TIMEOUT_MS });
    await page.fill('input[name="prompt"]', 'how does it stream?');
    await page.click('button');
    // Part of the answer is on the page while the function is still sending the rest.
    await page.waitForFunction(() => (document.getElementById('answer')?.textContent ?? '').split(' ').length >= 3, undefined, { timeout: ANSWER_TIMEOUT_MS });
    const partial = await page.textContent('#answer');
    assert.equal(await page.getAttribute('#status', 'data-state'), 'streaming');
    const expected = answerTo('how does it stream?');
    assert.ok(partial && partial.length < expected.length && expected.startsWith(partial), `a prefix of the answer, got ${JSON.stringify(partial)}`);
    await page.waitForSelector('#status[data-state="done"]', { timeout: ANSWER_TIMEOUT_MS });
    assert.equal(await page.textContent('#answer'), expected);
  });
});
