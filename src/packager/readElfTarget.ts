/** What the first bytes of an executable say about where it runs. */
export type ExecutableTarget =
  | { readonly kind: 'elf'; readonly arch: 'x86_64' | 'arm64' | 'other'; readonly machine: number; readonly bits: 32 | 64; readonly littleEndian: boolean }
  | { readonly kind: 'mach-o' }
  | { readonly kind: 'pe' }
  | { readonly kind: 'unknown' };

/** Bytes of an ELF header needed to read its machine: e_machine ends at offset 20. Source: System V ABI, ELF header. */
export const ELF_HEADER_PREFIX_BYTES = 20;
/** `e_machine` of x86-64. Source: System V ABI, ELF machine numbers (EM_X86_64). */
const EM_X86_64 = 62;
/** `e_machine` of AArch64. Source: System V ABI, ELF machine numbers (EM_AARCH64). */
const EM_AARCH64 = 183;
/** Mach-O magic numbers (32/64-bit, either byte order, and universal binaries). Source: Apple's mach-o/loader.h, fat.h. */
const MACH_O_MAGICS = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe]);

/**
 * Reads the target of an executable from its first bytes: an ELF binary's machine
 * (`x86_64`, `arm64` or `other`), word size and byte order, or that it is a Mach-O (macOS)
 * or PE (Windows) file. Pure: give it at least `ELF_HEADER_PREFIX_BYTES` bytes.
 *
 * @example
 * ```ts
 * const head = readFileSync('/usr/bin/node').subarray(0, ELF_HEADER_PREFIX_BYTES);
 * readElfTarget(head); // { kind: 'elf', arch: 'x86_64', machine: 62, bits: 64, littleEndian: true }
 * ```
 */
export function readElfTarget(bytes: Uint8Array): ExecutableTarget {
  if (bytes.length >= 4) {
    const magic = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
    if (MACH_O_MAGICS.has(magic)) return { kind: 'mach-o' };
  }
  if (bytes.length >= 2 && bytes[0] === 0x4d && bytes[1] === 0x5a) return { kind: 'pe' };
  const isElf = bytes.length >= ELF_HEADER_PREFIX_BYTES && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
  if (!isElf) return { kind: 'unknown' };
  const elfClass = bytes[4];
  const data = bytes[5];
  if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2)) return { kind: 'unknown' };
  const littleEndian = data === 1;
  const machine = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(18, littleEndian);
  const bits = elfClass === 2 ? 64 : 32;
  const arch = bits === 64 && littleEndian && machine === EM_X86_64 ? 'x86_64' : bits === 64 && littleEndian && machine === EM_AARCH64 ? 'arm64' : 'other';
  return { kind: 'elf', arch, machine, bits, littleEndian };
}
