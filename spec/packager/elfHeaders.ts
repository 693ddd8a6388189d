/** A 64-byte ELF header prefix for `machine`, 64-bit little-endian (what Linux x86-64 and arm64 Node builds are). */
export function elfHeader(machine: number, { bits = 64, littleEndian = true }: { bits?: 32 | 64; littleEndian?: boolean } = {}): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, bits === 64 ? 2 : 1, littleEndian ? 1 : 2, 1]);
  new DataView(bytes.buffer).setUint16(16, 2, littleEndian); // ET_EXEC
  new DataView(bytes.buffer).setUint16(18, machine, littleEndian);
  return bytes;
}

/** `e_machine` values. Source: System V ABI. */
export const EM = { x86_64: 62, aarch64: 183, i386: 3 } as const;

/** The first bytes of a 64-bit Mach-O executable (macOS), little-endian magic 0xfeedfacf. */
export const MACH_O_HEADER = new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01, ...new Array(56).fill(0)]);
