import { writeFile } from 'node:fs/promises';
import { zipSync, type Zippable } from 'fflate';

/** Zip `os` value for Unix, so the `attrs` high 16 bits are a file mode. Source: PKWARE APPNOTE 4.4.2.2. */
const ZIP_OS_UNIX = 3;
/** A regular, executable file (`-rwxr-xr-x`): S_IFREG | 0o755. */
export const MODE_EXECUTABLE = 0o100755;
/** A regular, readable file (`-rw-r--r--`): S_IFREG | 0o644. */
export const MODE_FILE = 0o100644;
/** Entries carry a fixed time so the same input gives the same zip. DOS dates start in 1980. */
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 1));
/** Deflate level of small files (bundles): the smallest. */
const SMALL_FILE_LEVEL = 9;
/** Deflate level of a Node binary (~120 MB): about as small as 9, several times faster. */
const LARGE_FILE_LEVEL = 6;
/** Files above this many bytes get `LARGE_FILE_LEVEL`. Our choice. */
const LARGE_FILE_BYTES = 8 * 1024 * 1024;

/** One file of a zip: its bytes and Unix mode. */
export interface ZipEntry {
  readonly bytes: Uint8Array;
  readonly mode: number;
}

/**
 * Writes a deterministic zip (fixed times, Unix modes as Lambda applies them when it
 * unpacks) of `entries` (zip path → entry) to `path`. Resolves to its size in bytes.
 *
 * @example
 * ```ts
 * await writeZip('build/fn.zip', { bootstrap: { bytes: script, mode: MODE_EXECUTABLE } });
 * ```
 */
export async function writeZip(path: string, entries: Readonly<Record<string, ZipEntry>>): Promise<number> {
  const files: Zippable = {};
  for (const [name, entry] of Object.entries(entries)) {
    files[name] = [
      entry.bytes,
      {
        os: ZIP_OS_UNIX,
        // The mode goes in the high 16 bits; `>>> 0` keeps it an unsigned 32-bit value.
        attrs: (entry.mode << 16) >>> 0,
        mtime: FIXED_MTIME,
        level: entry.bytes.byteLength > LARGE_FILE_BYTES ? LARGE_FILE_LEVEL : SMALL_FILE_LEVEL,
      },
    ];
  }
  const zip = zipSync(files);
  await writeFile(path, zip);
  return zip.byteLength;
}
