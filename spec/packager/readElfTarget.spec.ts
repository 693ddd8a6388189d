import assert from 'node:assert/strict';
import { openSync, readSync, closeSync } from 'node:fs';
import { ELF_HEADER_PREFIX_BYTES, readElfTarget } from '../../src/packager/readElfTarget.js';
import { elfHeader, EM, MACH_O_HEADER } from './elfHeaders.js';

describe('readElfTarget', () => {
  it('reads x86_64 and arm64 from 64-bit little-endian ELF headers', () => {
    assert.deepEqual(readElfTarget(elfHeader(EM.x86_64)), { kind: 'elf', arch: 'x86_64', machine: 62, bits: 64, littleEndian: true });
    assert.deepEqual(readElfTarget(elfHeader(EM.aarch64)), { kind: 'elf', arch: 'arm64', machine: 183, bits: 64, littleEndian: true });
  });

  it('reads the Node running this spec as the machine it runs on', () => {
    const bytes = new Uint8Array(ELF_HEADER_PREFIX_BYTES);
    const fd = openSync(process.execPath, 'r');
    try {
      readSync(fd, bytes, 0, bytes.length, 0);
    } finally {
      closeSync(fd);
    }
    const target = readElfTarget(bytes);
    assert.equal(target.kind, 'elf');
    assert.equal(target.kind === 'elf' && target.arch, process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'arm64' : 'other');
  });

  it('calls other machines, 32-bit and big-endian builds "other"', () => {
    assert.equal((readElfTarget(elfHeader(EM.i386, { bits: 32 })) as { arch: string }).arch, 'other');
    assert.equal((readElfTarget(elfHeader(EM.x86_64, { bits: 32 })) as { arch: string }).arch, 'other');
    assert.equal((readElfTarget(elfHeader(EM.aarch64, { littleEndian: false })) as { arch: string }).arch, 'other');
  });

  it('recognises Mach-O and PE executables and refuses anything else, including a cut header', () => {
    assert.deepEqual(readElfTarget(MACH_O_HEADER), { kind: 'mach-o' });
    assert.deepEqual(readElfTarget(new Uint8Array([0x4d, 0x5a, 0x90, 0x00])), { kind: 'pe' });
    assert.deepEqual(readElfTarget(new TextEncoder().encode('#!/bin/sh\necho node\n')), { kind: 'unknown' });
    assert.deepEqual(readElfTarget(elfHeader(EM.x86_64).subarray(0, 19)), { kind: 'unknown' });
    assert.deepEqual(readElfTarget(new Uint8Array()), { kind: 'unknown' });
  });
});
