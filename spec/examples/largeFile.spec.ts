import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, tap } from 'rxjs';
import { httpResponse, invokeStream } from 'rx-lambda/client';
import { startExamples, type RunningExamples } from './startExamples.js';

/** The generated file: hundreds of MB, under Lambda's 200 MiB streamed response limit. */
const SIZE_MIB = 190;
const MIB = 1024 * 1024;
const LINE = 'rx-lambda streams this file from disk with bounded memory......\n';

describe('examples/largeFile', () => {
  let running: RunningExamples;
  let dir: string;
  before(async () => {
    // The function writes its file under TMPDIR: a fresh folder, removed afterwards.
    dir = mkdtempSync(join(tmpdir(), 'rx-lambda-large-file-'));
    running = await startExamples(['large-file'], { TMPDIR: dir });
  });
  after(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a file of hundreds of MB from disk while its memory grows by far less than the file', async function () {
    this.timeout(120_000);
    let bytes = 0;
    let first = '';
    let last: Uint8Array = new Uint8Array();
    let contentLength: string | undefined;
    let logResult = '';
    await lastValueFrom(
      invokeStream({ ...running.target, functionName: 'large-file', payload: { sizeMiB: SIZE_MIB }, logType: 'Tail' }).pipe(
        tap((event) => {
          if (event.type === 'InvokeComplete') logResult = event.logResult ?? '';
        }),
        httpResponse(),
        tap((event) => {
          if (event.type === 'Head') contentLength = event.headers['content-length'];
          else {
            if (first.length < LINE.length) first += new TextDecoder().decode(event.payload.subarray(0, LINE.length));
            bytes += event.payload.byteLength;
            last = event.payload; // only the latest chunk is kept
          }
        }),
      ),
    );
    assert.equal(bytes, SIZE_MIB * MIB);
    assert.equal(contentLength, String(SIZE_MIB * MIB));
    assert.ok(first.startsWith(LINE));
    assert.equal(new TextDecoder().decode(last.subarray(-LINE.length)), LINE);
    const report = /RSS (\d+) MiB before streaming, peak (\d+) MiB/.exec(logResult);
    assert.ok(report, `no memory report in the log tail: ${logResult}`);
    const growthMiB = Number(report[2]) - Number(report[1]);
    assert.ok(growthMiB < SIZE_MIB / 2, `memory grew by ${growthMiB} MiB while streaming ${SIZE_MIB} MiB`);
  });
});
