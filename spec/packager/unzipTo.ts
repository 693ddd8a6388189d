import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';

/** File name → Unix mode, from a zip's central directory (PKWARE APPNOTE 4.3.12). */
export function zipModes(zip: Uint8Array): Record<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, 'zip has an end of central directory record');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const modes: Record<string, number> = {};
  for (let i = 0; i < entries; i++) {
    assert.equal(view.getUint32(at, true), 0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    modes[name] = view.getUint32(at + 38, true) >>> 16;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return modes;
}

/** Unzips `zipPath` into `dir`, giving each file its mode from the zip, as Lambda does. */
export function unzipTo(zipPath: string, dir: string): void {
  const zip = readFileSync(zipPath);
  const modes = zipModes(zip);
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    chmodSync(path, modes[name]! & 0o777);
  }
}
