/** What `!Ref`, `!Sub` and `!GetAtt` can name in a template. */
export interface IntrinsicScope {
  /** Parameter values (defaults, then `--parameter-overrides`) and pseudo parameters (`AWS::Region`, ...). */
  readonly parameters: Readonly<Record<string, string>>;
  /** `!Ref Resource` of a resource in the template: its physical name (for a function, its logical id). */
  readonly ref: (logicalId: string) => string | undefined;
  /** `!GetAtt Resource.Attribute`. */
  readonly getAtt: (logicalId: string, attribute: string) => string | undefined;
  /** Called for an intrinsic that cannot be resolved locally; the value becomes `undefined`. */
  readonly warn: (message: string) => void;
}

/**
 * Resolves CloudFormation intrinsic functions in a template value: `Ref`, `Fn::Sub`
 * (both forms), `Fn::GetAtt`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::Base64`.
 * Others (`Fn::If`, `Fn::ImportValue`, ...) warn and resolve to `undefined`.
 *
 * @example
 * ```ts
 * resolveIntrinsics({ 'Fn::Sub': 'table-${Stage}' }, scope); // 'table-dev'
 * ```
 */
export function resolveIntrinsics(value: unknown, scope: IntrinsicScope): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, scope));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [key, argument] = entries.length === 1 ? entries[0]! : [undefined, undefined];
  if (key === 'Ref') return ref(String(argument), scope);
  if (key === 'Fn::Sub') return sub(argument, scope);
  if (key === 'Fn::GetAtt') {
    const [id, attribute] = Array.isArray(argument) ? argument.map(String) : String(argument).split(/\.(.*)/s);
    const result = scope.getAtt(id ?? '', attribute ?? '');
    if (result === undefined) scope.warn(`!GetAtt ${id}.${attribute} cannot be resolved locally`);
    return result;
  }
  if (key === 'Fn::Join' && Array.isArray(argument)) {
    const [separator, items] = argument as [unknown, unknown];
    const resolved = resolveIntrinsics(items, scope);
    return Array.isArray(resolved) ? resolved.map((item) => String(item ?? '')).join(String(separator)) : undefined;
  }
  if (key === 'Fn::Select' && Array.isArray(argument)) {
    const list = resolveIntrinsics(argument[1], scope);
    return Array.isArray(list) ? list[Number(resolveIntrinsics(argument[0], scope))] : undefined;
  }
  if (key === 'Fn::Split' && Array.isArray(argument)) {
    const text = resolveIntrinsics(argument[1], scope);
    return typeof text === 'string' ? text.split(String(argument[0])) : undefined;
  }
  if (key === 'Fn::Base64') {
    const text = resolveIntrinsics(argument, scope);
    return typeof text === 'string' ? Buffer.from(text).toString('base64') : undefined;
  }
  if (key !== undefined && (key.startsWith('Fn::') || key === 'Condition')) {
    scope.warn(`${key} is not supported locally; the value is left out`);
    return undefined;
  }
  return Object.fromEntries(entries.map(([name, item]) => [name, resolveIntrinsics(item, scope)]));
}

function ref(name: string, scope: IntrinsicScope): string | undefined {
  if (Object.hasOwn(scope.parameters, name)) return scope.parameters[name];
  const resource = scope.ref(name);
  if (resource === undefined) scope.warn(`!Ref ${name} names no parameter or resource (give it with --parameter-overrides ${name}=...)`);
  return resource;
}

function sub(argument: unknown, scope: IntrinsicScope): string | undefined {
  const [template, variables] = Array.isArray(argument) ? (argument as [unknown, Record<string, unknown>?]) : [argument, undefined];
  if (typeof template !== 'string') return undefined;
  const local = Object.fromEntries(Object.entries(variables ?? {}).map(([name, item]) => [name, resolveIntrinsics(item, scope)]));
  return template.replace(/\$\{(!?)([^}]+)\}/g, (whole, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a template's Fn::Sub values are YAML scalars, printed as given
    if (Object.hasOwn(local, name)) return String(local[name] ?? '');
    const dot = name.indexOf('.');
    if (dot > 0 && !Object.hasOwn(scope.parameters, name)) {
      const value = scope.getAtt(name.slice(0, dot), name.slice(dot + 1));
      if (value === undefined) scope.warn(`\${${name}} in !Sub cannot be resolved locally`);
      return value ?? '';
    }
    return ref(name, scope) ?? whole;
  });
}
