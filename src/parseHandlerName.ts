/** The parts of a Lambda handler setting `path/module.export`. */
export interface HandlerName {
  /** Everything up to and including the last `/` (empty when there is none). */
  readonly directory: string;
  /** The module's file name without its extension: the text after the last `/` up to the first `.`. */
  readonly module: string;
  /** The export, after that first `.` (may itself be dotted: `obj.fn`). */
  readonly exportPath: string;
}

/**
 * Splits a handler setting in the AWS form `path/module.export`; `undefined` when it is not
 * of that form (no module name or no export name).
 *
 * @example
 * ```ts
 * parseHandlerName('src/app.handler'); // { directory: 'src/', module: 'app', exportPath: 'handler' }
 * ```
 */
export function parseHandlerName(value: string): HandlerName | undefined {
  const slash = value.lastIndexOf('/');
  const file = value.slice(slash + 1);
  const dot = file.indexOf('.');
  if (dot <= 0 || dot === file.length - 1) return undefined;
  return { directory: value.slice(0, slash + 1), module: file.slice(0, dot), exportPath: file.slice(dot + 1) };
}
