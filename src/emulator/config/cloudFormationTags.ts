import type { CollectionTag, ScalarTag } from 'yaml';

/** CloudFormation's intrinsic functions that have a short form `!Name` in YAML templates. */
const INTRINSICS = [
  'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAZs', 'GetAtt', 'If', 'ImportValue', 'Join',
  'Length', 'Not', 'Or', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
] as const;

/** The long form's key of a short-form tag: `Ref`, `Condition`, else `Fn::Name`. */
function longKey(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/**
 * Custom tags for the `yaml` library that read CloudFormation's short forms (`!Ref X`,
 * `!Sub '...'`, `!GetAtt A.B`, `!Join [',', [...]]`, ...) as their long forms
 * (`{ Ref: 'X' }`, `{ 'Fn::Sub': '...' }`, `{ 'Fn::GetAtt': ['A', 'B'] }`), in scalar,
 * sequence and mapping position.
 *
 * @example
 * ```ts
 * import { parse } from 'yaml';
 * parse('Name: !Ref Stage', { customTags: cloudFormationTags }); // { Name: { Ref: 'Stage' } }
 * ```
 */
export const cloudFormationTags: readonly (ScalarTag | CollectionTag)[] = ['Ref', 'Condition', ...INTRINSICS].flatMap(
  (name): (ScalarTag | CollectionTag)[] => {
    const key = longKey(name);
    const tag = `!${name}`;
    return [
      {
        tag,
        resolve: (value: string) => ({ [key]: name === 'GetAtt' ? splitAttribute(value) : value }),
      },
      { tag, collection: 'seq', resolve: (value) => ({ [key]: value.toJSON() as unknown }) },
      { tag, collection: 'map', resolve: (value) => ({ [key]: value.toJSON() as unknown }) },
    ];
  },
);

/** `Resource.Attribute` (the attribute may itself contain dots) as `[Resource, Attribute]`. */
function splitAttribute(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}
