import { crc32 } from 'node:zlib';
import { take } from 'rxjs';
import { FrameLengthError, RxLambdaError, TruncatedStreamError } from '../../src/errors.js';
import { invokeStream, type StreamEvent } from '../../src/client/index.js';
import { EVENT_STREAM_MAX_MESSAGE_BYTES } from '../../src/limits.js';
import { encodePayloadChunk } from '../../src/wire/index.js';
import { startEventStream, startLambdaTestServer, TEST_CREDENTIALS, type LambdaTestServer } from '../../spec/fixtures/client/lambdaTestServer.js';
import type { ReliabilityScenario } from '../ReliabilityScenario.js';
import { settle } from '../../spec/fixtures/client/settle.js';
import { nameOf } from './support/nameOf.js';
import { activeResources, eventually } from './support/resources.js';

/** Body timeout the stalled case runs with, ms. */
const STALL_BODY_TIMEOUT_MS = 150;
/** Longest wait for a connection or a timer to go away, ms. */
const RELEASE_WITHIN_MS = 2_000;

type Fault = 'close mid-frame' | 'stall' | 'frame over 16 MiB' | 'unsubscribe mid-stream';
const FAULTS: readonly Fault[] = ['close mid-frame', 'stall', 'frame over 16 MiB', 'unsubscribe mid-stream'];

/** A valid event-stream prelude declaring `total` bytes. */
function declaredPrelude(total: number): Buffer {
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(0, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  return prelude;
}

function streamFor(server: LambdaTestServer, fault: Fault) {
  return invokeStream({
    functionName: fault.replaceAll(' ', '-'),
    endpoint: server.url,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    retry: false,
    ...(fault === 'stall' ? { bodyTimeoutMs: STALL_BODY_TIMEOUT_MS } : {}),
  });
}

const clientFaults: ReliabilityScenario = {
  name: 'client: server closes mid-frame, stalls, sends a frame over 16 MiB; unsubscribe mid-stream',
  ciRuns: 20,
  longRuns: 400,
  async run(runs) {
    const failures: string[] = [];
    const first = encodePayloadChunk(Buffer.from('first'));
    const server = await startLambdaTestServer((req, res) => {
      const fault = FAULTS.find((f) => req.url.includes(`/${f.replaceAll(' ', '-')}/`))!;
      startEventStream(res);
      res.write(first);
      switch (fault) {
        case 'close mid-frame': {
          const next = encodePayloadChunk(Buffer.from('second chunk, cut short'));
          res.write(next.subarray(0, next.byteLength >> 1), () => res.socket?.destroy());
          return;
        }
        case 'stall':
          return; // says nothing more
        case 'frame over 16 MiB':
          res.write(declaredPrelude(EVENT_STREAM_MAX_MESSAGE_BYTES + 1));
          res.write(Buffer.alloc(256 * 1024, 0x7a));
          return;
        case 'unsubscribe mid-stream': {
          const timer = setInterval(() => res.write(encodePayloadChunk(Buffer.from('more'))), 2);
          res.on('close', () => clearInterval(timer));
          return;
        }
      }
    });
    let lost = 0;
    try {
      for (let i = 0; i < runs; i++) {
        const fault = FAULTS[i % FAULTS.length]!;
        const sockets = activeResources('TCPSocketWrap');
        const timers = activeResources('Timeout');
        const source = streamFor(server, fault);
        const { values, error } = await settle(fault === 'unsubscribe mid-stream' ? source.pipe(take(3)) : source);
        const chunks = values.filter((e): e is Extract<StreamEvent, { type: 'PayloadChunk' }> => e.type === 'PayloadChunk');
        if (Buffer.from(chunks[0]?.payload ?? []).toString() !== 'first') lost++;
        const ok =
          fault === 'unsubscribe mid-stream'
            ? error === undefined && values.length === 3
            : fault === 'frame over 16 MiB'
              ? error instanceof FrameLengthError || (error instanceof TruncatedStreamError && error.cause instanceof FrameLengthError)
              : error instanceof TruncatedStreamError || error instanceof RxLambdaError;
        if (!ok) failures.push(`${fault} ${i}: ${error ? nameOf(error) : `${values.length} events`}`);
        // The server sees the client hang up: no connection is left behind.
        const closed = await Promise.race([
          server.responseClosed(i),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RELEASE_WITHIN_MS).unref()),
        ]);
        if (!closed) failures.push(`${fault} ${i}: the connection stayed open`);
        else if (closed.finished) failures.push(`${fault} ${i}: the server finished a response it never ended`);
        try {
          await eventually(() => activeResources('TCPSocketWrap') <= sockets, RELEASE_WITHIN_MS, 'sockets');
          await eventually(() => activeResources('Timeout') <= timers, RELEASE_WITHIN_MS, 'timers');
        } catch {
          failures.push(
            `${fault} ${i}: left ${activeResources('TCPSocketWrap') - sockets} sockets and ${activeResources('Timeout') - timers} timers`,
          );
        }
      }
    } finally {
      await server.close();
    }
    return { runs, failures, lost, notes: 'no socket or timer left after any case' };
  },
};

export default clientFaults;
