// A large file streamed from disk through a pull source: fromReadable() reads the next
// chunk only when the response socket has taken the previous one, so a file of hundreds
// of MB goes out with bounded memory. The file is generated on first use in the temp
// folder (Lambda's /tmp). At the end the function logs its peak memory (maxRSS).
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concat, defer, EMPTY, from, mergeMap, of } from 'rxjs';
import { fromReadable, head, type Handler } from 'rx-lambda';

/** Size of the generated file by default, MiB: just under Lambda's 200 MiB streamed response limit. */
const DEFAULT_SIZE_MIB = 190;
const MIB = 1024 * 1024;
/** Bytes read from disk at a time. */
const READ_CHUNK_BYTES = 256 * 1024;
/** One line of the file; 64 bytes, so any offset can be checked. */
const LINE = 'rx-lambda streams this file from disk with bounded memory......\n';

export interface LargeFileEvent {
  /** File size in MiB (a whole number of 64-byte lines). */
  readonly sizeMiB?: number;
}

/** Writes the file line block by line block, waiting for the disk; returns its path. */
async function ensureFile(sizeMiB: number): Promise<string> {
  const path = join(tmpdir(), `rx-lambda-large-file-${sizeMiB}MiB.txt`);
  if (existsSync(path) && statSync(path).size === sizeMiB * MIB) return path;
  const partial = `${path}.${process.pid}.partial`;
  const out = createWriteStream(partial);
  const block = Buffer.from(LINE.repeat(MIB / LINE.length));
  for (let i = 0; i < sizeMiB; i++) {
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(partial, path);
  return path;
}

const mib = (bytes: number) => (bytes / MIB).toFixed(0);

export const handler: Handler<LargeFileEvent> = (event) =>
  from(ensureFile(event.sizeMiB ?? DEFAULT_SIZE_MIB)).pipe(
    mergeMap((path) => {
      const size = statSync(path).size;
      const rssBefore = process.memoryUsage.rss();
      return concat(
        of(head({ statusCode: 200, headers: { 'content-type': 'text/plain', 'content-length': String(size) } })),
        fromReadable(createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })),
        defer(() => {
          // maxRSS is in KiB. Source: Node.js process.resourceUsage().
          const peak = process.resourceUsage().maxRSS * 1024;
          console.log(`large-file: sent ${size} bytes; RSS ${mib(rssBefore)} MiB before streaming, peak ${mib(peak)} MiB`);
          return EMPTY;
        }),
      );
    }),
  );
