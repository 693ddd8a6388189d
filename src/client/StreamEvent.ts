/**
 * One frame of an `InvokeWithResponseStream` response.
 *
 * - `PayloadChunk`: bytes the function wrote, in order (frames do not follow the function's writes).
 * - `InvokeComplete`: the last event; `errorCode`/`errorDetails` are set when the function
 *   failed after the stream started, `logResult` is the decoded log tail (with `logType: 'Tail'`).
 *
 * @example
 * ```ts
 * invokeStream({ functionName: 'fn' }).subscribe((event: StreamEvent) => {
 *   if (event.type === 'PayloadChunk') process.stdout.write(event.payload);
 *   else if (event.errorCode) console.error(event.errorCode, event.errorDetails);
 * });
 * ```
 */
export type StreamEvent =
  | { readonly type: 'PayloadChunk'; readonly payload: Uint8Array }
  | {
      readonly type: 'InvokeComplete';
      readonly errorCode?: string;
      readonly errorDetails?: string;
      readonly logResult?: string;
    };

/**
 * An HTTP response as events: its `Head` first, then body bytes as `PayloadChunk`s.
 * `invokeFunctionUrl` emits these, and `httpResponse()` turns a streamed HTTP-integration
 * response into them; `payload()`, `text()`, `lines()`, `ndjson()` and `sse()` accept them
 * (they skip the head).
 *
 * @example
 * ```ts
 * invokeFunctionUrl(url).subscribe((event: HttpResponseEvent) => {
 *   if (event.type === 'Head') console.log(event.statusCode, event.headers['content-type']);
 *   else process.stdout.write(event.payload);
 * });
 * ```
 */
export type HttpResponseEvent =
  | {
      readonly type: 'Head';
      readonly statusCode: number;
      /** Header names in lower case; repeated headers joined with `, ` (cookies are in `cookies`). */
      readonly headers: Readonly<Record<string, string>>;
      /** `Set-Cookie` values. */
      readonly cookies: readonly string[];
    }
  | { readonly type: 'PayloadChunk'; readonly payload: Uint8Array };

/** What the byte operators accept: stream events, HTTP response events, or plain bytes. */
export type ByteSource = StreamEvent | HttpResponseEvent | Uint8Array;
