import { createServer, validateHeaderValue, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BUFFERED_RESPONSE_MAX_BYTES, STREAMED_RESPONSE_MAX_BYTES } from '../../limits.js';
import { decodeErrorTrailer } from '../../wire/index.js';
import { RESPONSE_MODE_STREAMING, RUNTIME_API_HEADER_KEYS, RUNTIME_API_HEADERS, RUNTIME_API_PATHS } from '../../wire/runtimeApiVocabulary.js';
import { decodePathSegment } from '../decodePathSegment.js';
import { EMULATOR_MAX_HEADER_BYTES, REMEMBERED_REQUEST_IDS, RUNTIME_ERROR_BODY_MAX_BYTES } from '../emulatorLimits.js';
import type { Invocation } from '../environments/Invocation.js';
import { listen } from '../listen.js';
import { errorOutcome, errorOutcomeFromBody, type InvocationOutcome } from '../environments/InvocationOutcome.js';
import { readRequestBody } from '../readRequestBody.js';

/** What an execution environment hears from its Runtime API. */
export interface RuntimeApiEvents {
  /** The runtime took an invocation with `/next`; its deadline has started. */
  delivered(invocation: Invocation): void;
  /** The runtime asked `/next`: one of its workers is free (its first asks end its init). */
  nextRequested?(): void;
  /** The runtime reported an init failure with `/runtime/init/error`. */
  initError(outcome: InvocationOutcome): void;
  /**
   * The runtime's response connection closed before its end. Without this hook the
   * invocation fails at once with `outcome` (`Runtime.TruncatedResponse`); with it, the
   * environment decides (a process that is exiting reports `Runtime.ExitError` instead).
   */
  truncated?(invocation: Invocation, outcome: InvocationOutcome): void;
}

const PREFIX = RUNTIME_API_PATHS.runtime;
/** `{invocation}{requestId}/response` or `/error`; the prefix holds only `/`, digits, letters and `-`, none of them special in a pattern. */
const INVOCATION_PATH = new RegExp(`^${RUNTIME_API_PATHS.invocation}([^/]+)/(response|error)$`);
const ERROR_TYPE_HEADER = RUNTIME_API_HEADER_KEYS.errorType;
const ERROR_BODY_TRAILER = RUNTIME_API_HEADER_KEYS.errorBody;

/** Lambda's message for a buffered response over the limit. */
function responseTooLarge(limit: number): InvocationOutcome {
  return errorOutcome(
    'Function.ResponseSizeTooLarge',
    `Response payload size exceeded maximum allowed payload size (${limit} bytes).`,
  );
}

/**
 * The Runtime API of one execution environment (`AWS_LAMBDA_RUNTIME_API`), on its own
 * loopback port. It hands each assigned invocation to the next `/next` (several at once
 * under Lambda Managed Instances), routes `/response` and `/error` by request id, streams `/response`
 * bytes to the invocation as they arrive, and rejects what Lambda rejects: a wrong
 * request id (400 `InvalidRequestID`), a second response (403), a buffered body over
 * 6,291,556 bytes (413), a response mode other than `streaming` (400), a response after
 * a timeout (410).
 *
 * @example
 * ```ts
 * const api = new RuntimeApiServer({ delivered: startTimer, initError: failInit });
 * const address = await api.listen('127.0.0.1'); // AWS_LAMBDA_RUNTIME_API
 * api.assign(invocation);
 * ```
 */
export class RuntimeApiServer {
  readonly #server: Server;
  readonly #events: RuntimeApiEvents;
  /** Assigned invocations no `/next` has taken yet, oldest first. */
  readonly #queued: Invocation[] = [];
  /** Delivered invocations without an outcome, by request id. */
  readonly #active = new Map<string, Invocation>();
  /** `/next` requests waiting for an invocation, oldest first. */
  readonly #waitingNext: ServerResponse[] = [];
  #initialized = false;
  /** Finished request ids: `done` answers 403, `timedout` answers 410. */
  readonly #finished = new Map<string, 'done' | 'timedout'>();

  constructor(events: RuntimeApiEvents) {
    this.#events = events;
    this.#server = createServer({ maxHeaderSize: EMULATOR_MAX_HEADER_BYTES, requestTimeout: 0 }, (req, res) =>
      this.#route(req, res),
    );
    // `/next` waits as long as it takes, and a streamed response may last 15 minutes.
    this.#server.timeout = 0;
    this.#server.headersTimeout = 0;
  }

  /** Listens on a free port; resolves with `host:port` for `AWS_LAMBDA_RUNTIME_API`. */
  listen(host = '127.0.0.1'): Promise<string> {
    return listen(this.#server, 0, host);
  }

  /** Whether a `/next` request is waiting for an invocation. */
  get waitingForNext(): boolean {
    return this.#waitingNext.length > 0;
  }

  /** Gives the runtime an invocation: now, if a `/next` is waiting, else at its next `/next`. */
  assign(invocation: Invocation): void {
    const waiting = this.#waitingNext.shift();
    if (waiting) this.#deliver(invocation, waiting);
    else this.#queued.push(invocation);
  }

  /** Ends an invocation with `outcome` (a timeout, an exit); a late response to it gets 410 when `timedOut`. */
  settle(invocation: Invocation, outcome: InvocationOutcome, timedOut = false): void {
    if (!invocation.finish(outcome)) return;
    this.#remember(invocation.requestId, timedOut ? 'timedout' : 'done');
    this.#active.delete(invocation.requestId);
    const queued = this.#queued.indexOf(invocation);
    if (queued >= 0) this.#queued.splice(queued, 1);
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const waiting of this.#waitingNext.splice(0)) waiting.destroy();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  #remember(requestId: string, status: 'done' | 'timedout'): void {
    this.#finished.set(requestId, status);
    if (this.#finished.size > REMEMBERED_REQUEST_IDS) {
      this.#finished.delete(this.#finished.keys().next().value!);
    }
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const path = (req.url ?? '').split('?')[0]!;
    if (!path.startsWith(PREFIX)) return reply(res, 404, 'NotFound', `unknown path ${path}`);
    if (path === RUNTIME_API_PATHS.next) {
      if (req.method !== 'GET') return reply(res, 405, 'MethodNotAllowed', 'use GET');
      return this.#next(res);
    }
    if (path === RUNTIME_API_PATHS.initError) {
      if (req.method !== 'POST') return reply(res, 405, 'MethodNotAllowed', 'use POST');
      return this.#initError(req, res);
    }
    const match = INVOCATION_PATH.exec(path);
    if (!match) return reply(res, 404, 'NotFound', `unknown path ${path}`);
    if (req.method !== 'POST') return reply(res, 405, 'MethodNotAllowed', 'use POST');
    const invocation = this.#accept(decodePathSegment(match[1]!), req, res);
    if (!invocation) return;
    if (match[2] === 'error') return this.#error(invocation, req, res);
    const mode = req.headers[RUNTIME_API_HEADER_KEYS.responseMode];
    if (mode === undefined) return this.#bufferedResponse(invocation, req, res);
    if (mode === RESPONSE_MODE_STREAMING) return this.#streamingResponse(invocation, req, res);
    return reply(res, 400, 'InvalidResponseModeHeader', `Invalid ${RUNTIME_API_HEADERS.responseMode}: ${String(mode)}`);
  }

  #next(res: ServerResponse): void {
    this.#initialized = true;
    // A `/next` that arrives while an invocation has no answer yet waits beside it: a runtime may
    // send it on another connection before its response has reached us, and a runtime with
    // AWS_LAMBDA_MAX_CONCURRENCY asks once per worker. Each invocation still ends by its
    // response, its error, the process's exit, or its deadline.
    const queued = this.#queued.shift();
    if (queued) this.#deliver(queued, res);
    else {
      this.#waitingNext.push(res);
      res.on('close', () => {
        const index = this.#waitingNext.indexOf(res);
        if (index >= 0) this.#waitingNext.splice(index, 1);
      });
    }
    this.#events.nextRequested?.();
  }

  #deliver(invocation: Invocation, res: ServerResponse): void {
    if (invocation.clientContext !== undefined && !isHeaderValue(RUNTIME_API_HEADER_KEYS.clientContext, invocation.clientContext)) {
      // The service copies only header-safe values; should one slip through, the invocation fails and `/next` waits on.
      this.settle(invocation, errorOutcome('InvalidRequestContentException', 'Client context cannot be sent in a Runtime API header.'));
      return this.#next(res);
    }
    invocation.deliver();
    this.#active.set(invocation.requestId, invocation);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [RUNTIME_API_HEADER_KEYS.requestId]: invocation.requestId,
      [RUNTIME_API_HEADER_KEYS.invocationId]: invocation.invocationId,
      [RUNTIME_API_HEADER_KEYS.deadlineMs]: String(invocation.deadlineMs),
      [RUNTIME_API_HEADER_KEYS.invokedFunctionArn]: invocation.functionArn,
      [RUNTIME_API_HEADER_KEYS.traceId]: invocation.traceId,
    };
    if (invocation.clientContext !== undefined) headers[RUNTIME_API_HEADER_KEYS.clientContext] = invocation.clientContext;
    res.writeHead(200, headers);
    res.end(invocation.payload);
    this.#events.delivered(invocation);
  }

  /** The invocation a `/response` or `/error` may answer, or `undefined` after replying with the rejection. */
  #accept(requestId: string, req: IncomingMessage, res: ServerResponse): Invocation | undefined {
    const current = this.#active.get(requestId);
    const echoed = req.headers[RUNTIME_API_HEADER_KEYS.invocationId];
    if (current) {
      if (echoed !== undefined && echoed !== current.invocationId) {
        reply(res, 400, 'InvalidRequestID', `${RUNTIME_API_HEADERS.invocationId} does not match the invocation`);
        return undefined;
      }
      if (current.state === 'delivered') return current;
      reply(res, 403, 'InvalidStateTransition', `a response to ${requestId} was already sent`);
      return undefined;
    }
    const finished = this.#finished.get(requestId);
    if (finished === 'timedout') reply(res, 410, 'InvocationTimedOut', `invocation ${requestId} already timed out`);
    else if (finished === 'done') reply(res, 403, 'InvalidStateTransition', `invocation ${requestId} already has a response`);
    else reply(res, 400, 'InvalidRequestID', 'Invalid request ID');
    return undefined;
  }

  #bufferedResponse(invocation: Invocation, req: IncomingMessage, res: ServerResponse): void {
    // A second response is a 403 even while this one is read; the caller hears of it once it is whole.
    invocation.claim();
    void readRequestBody(req, BUFFERED_RESPONSE_MAX_BYTES).then((read) => {
      if (invocation.state === 'done') return;
      if (read.kind === 'aborted') return this.#truncated(invocation, req);
      if (read.kind === 'tooLarge') return this.#tooLarge(invocation, req, res, BUFFERED_RESPONSE_MAX_BYTES);
      invocation.start(contentTypeOf(req, 'application/json'));
      void invocation.write(read.body);
      this.settle(invocation, { kind: 'success' });
      reply(res, 202, undefined, 'OK');
    });
  }

  #streamingResponse(invocation: Invocation, req: IncomingMessage, res: ServerResponse): void {
    invocation.start(contentTypeOf(req, 'application/octet-stream'));
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (invocation.state === 'done') return;
      size += chunk.byteLength;
      if (size > STREAMED_RESPONSE_MAX_BYTES) return this.#tooLarge(invocation, req, res, STREAMED_RESPONSE_MAX_BYTES);
      const pending = invocation.write(chunk);
      if (pending) {
        req.pause();
        void pending.finally(() => req.resume());
      }
    });
    req.on('end', () => {
      if (invocation.state === 'done') return;
      const errorType = header(req.trailers[ERROR_TYPE_HEADER]);
      const errorBody = header(req.trailers[ERROR_BODY_TRAILER]);
      if (errorType !== undefined || errorBody !== undefined) {
        const decoded = errorBody === undefined ? undefined : decodeErrorTrailer(errorBody);
        const body = decoded
          ? Buffer.from(JSON.stringify(decoded))
          : Buffer.from(JSON.stringify({ errorType: errorType ?? 'Unhandled', errorMessage: '' }));
        this.settle(invocation, errorOutcomeFromBody(body, errorType));
      } else {
        this.settle(invocation, { kind: 'success' });
      }
      reply(res, 202, undefined, 'OK');
    });
    req.on('close', () => this.#truncated(invocation, req));
  }

  #truncated(invocation: Invocation, req: IncomingMessage): void {
    if (req.complete || invocation.state === 'done') return;
    const outcome = errorOutcome('Runtime.TruncatedResponse', 'The runtime closed the response before it was complete.');
    if (this.#events.truncated) this.#events.truncated(invocation, outcome);
    else this.settle(invocation, outcome);
  }

  #tooLarge(invocation: Invocation, req: IncomingMessage, res: ServerResponse, limit: number): void {
    this.settle(invocation, responseTooLarge(limit));
    reply(res, 413, 'RequestEntityTooLarge', `Response payload size exceeded maximum allowed payload size (${limit} bytes).`);
    req.resume();
  }

  #error(invocation: Invocation, req: IncomingMessage, res: ServerResponse): void {
    invocation.claim();
    void readRequestBody(req, RUNTIME_ERROR_BODY_MAX_BYTES).then((read) => {
      if (read.kind === 'aborted') return this.#truncated(invocation, req);
      if (read.kind === 'tooLarge') {
        this.settle(invocation, errorOutcome('Runtime.InvalidError', 'The error body posted by the runtime is too large.'));
        return errorBodyTooLarge(req, res);
      }
      this.settle(invocation, errorOutcomeFromBody(read.body, header(req.headers[ERROR_TYPE_HEADER])));
      reply(res, 202, undefined, 'OK');
    });
  }

  #initError(req: IncomingMessage, res: ServerResponse): void {
    if (this.#initialized) return reply(res, 403, 'InvalidStateTransition', 'init already completed');
    void readRequestBody(req, RUNTIME_ERROR_BODY_MAX_BYTES).then((read) => {
      if (read.kind === 'aborted') return;
      if (read.kind === 'tooLarge') return errorBodyTooLarge(req, res);
      reply(res, 202, undefined, 'OK');
      this.#events.initError(errorOutcomeFromBody(read.body, header(req.headers[ERROR_TYPE_HEADER])));
    });
  }
}

function isHeaderValue(name: string, value: string): boolean {
  try {
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

function contentTypeOf(req: IncomingMessage, fallback: string): string {
  return header(req.headers['content-type']) ?? fallback;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Refuses an error body over its limit, reading and discarding the rest of it. */
function errorBodyTooLarge(req: IncomingMessage, res: ServerResponse): void {
  reply(res, 413, 'RequestEntityTooLarge', 'error body too large');
  req.resume();
}

/** Answers the runtime: `{"status":"OK"}` on 202, else Lambda's `{"errorMessage","errorType"}`. */
function reply(res: ServerResponse, status: number, errorType: string | undefined, message: string): void {
  if (res.headersSent) return;
  const body = errorType === undefined ? { status: message } : { errorMessage: message, errorType };
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
