import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  print,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { CLIENT_DOCUMENTS } from './clientDocuments.js';
import { buildSandboxSchema } from './handler.js';
import { ADDED_QUERY_FIELDS, ADDED_TYPES } from './schema.js';

// The repository root is four levels up; the published schema sits beside it in ../shared.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const publishedPath = resolve(repoRoot, '../shared/panther-api/panther.graphql');
const published = existsSync(publishedPath);
if (!published) {
  console.warn(`schema subset test skipped: ${publishedPath} not found (Panther's published schema)`);
}

const sandbox = buildSandboxSchema();

function kind(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return 'scalar';
}

function defaultOf(
  field: GraphQLInputField | { astNode?: { defaultValue?: unknown } | null },
): string | undefined {
  const value = (field.astNode as { defaultValue?: Parameters<typeof print>[0] } | null | undefined)
    ?.defaultValue;
  return value === undefined ? undefined : print(value);
}

/** Every difference between what the sandbox serves and the upstream schema. */
function differences(ours: GraphQLSchema, upstream: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(ours.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
      continue;
    const other = upstream.getType(type.name);
    if (ADDED_TYPES.includes(type.name)) {
      if (other !== undefined && other !== null)
        problems.push(`${type.name} is marked as added but exists upstream`);
      continue;
    }
    if (other === undefined || other === null) {
      problems.push(`type ${type.name} does not exist upstream`);
      continue;
    }
    if (kind(type) !== kind(other))
      problems.push(`${type.name} is a ${kind(type)} here, a ${kind(other)} upstream`);
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(other) || isInterfaceType(other))) {
      const theirs = other.getFields() as Record<string, GraphQLField<unknown, unknown>>;
      for (const field of Object.values(type.getFields())) {
        const name = `${type.name}.${field.name}`;
        if (type === ours.getQueryType() && ADDED_QUERY_FIELDS.includes(field.name)) continue;
        const match = theirs[field.name];
        if (match === undefined) {
          problems.push(`field ${name} does not exist upstream`);
          continue;
        }
        if (String(field.type) !== String(match.type)) {
          problems.push(`${name} is ${String(field.type)} here, ${String(match.type)} upstream`);
        }
        for (const arg of field.args) {
          const theirArg = match.args.find((a) => a.name === arg.name);
          if (theirArg === undefined) problems.push(`argument ${name}(${arg.name}) does not exist upstream`);
          else if (String(arg.type) !== String(theirArg.type) || defaultOf(arg) !== defaultOf(theirArg)) {
            problems.push(`argument ${name}(${arg.name}) differs from upstream`);
          }
        }
      }
      const upstreamInterfaces = new Set(other.getInterfaces().map((i) => i.name));
      for (const iface of type.getInterfaces()) {
        if (!upstreamInterfaces.has(iface.name))
          problems.push(`${type.name} implements ${iface.name}, upstream does not`);
      }
    }
    if (isInputObjectType(type) && isInputObjectType(other)) {
      const theirs = other.getFields();
      for (const field of Object.values(type.getFields())) {
        const match = theirs[field.name];
        if (match === undefined)
          problems.push(`input field ${type.name}.${field.name} does not exist upstream`);
        else if (String(field.type) !== String(match.type) || defaultOf(field) !== defaultOf(match)) {
          problems.push(`input field ${type.name}.${field.name} differs from upstream`);
        }
      }
      for (const match of Object.values(theirs)) {
        if (String(match.type).endsWith('!') && type.getFields()[match.name] === undefined) {
          problems.push(`required input field ${type.name}.${match.name} is missing here`);
        }
      }
    }
    if (isEnumType(type) && isEnumType(other)) {
      const values = new Set(other.getValues().map((v) => v.name));
      for (const value of type.getValues()) {
        if (!values.has(value.name))
          problems.push(`enum value ${type.name}.${value.name} does not exist upstream`);
      }
    }
    if (isUnionType(type) && isUnionType(other)) {
      const members = new Set(other.getTypes().map((t) => t.name));
      for (const member of type.getTypes()) {
        if (!members.has(member.name))
          problems.push(`union ${type.name} member ${member.name} is not upstream`);
      }
    }
    if (isScalarType(type) && !isScalarType(other)) problems.push(`${type.name} is not a scalar upstream`);
  }
  return problems;
}

describe('sandbox GraphQL schema', () => {
  it.skipIf(!published)('is a subset of the published Panther schema, plus the documented additions', () => {
    const upstream = buildSchema(readFileSync(publishedPath, 'utf8'));
    expect(differences(sandbox, upstream)).toEqual([]);
    // The check itself catches a wrong type.
    const broken = buildSchema('type Query { alert(id: ID!): String }');
    expect(differences(broken, upstream)).toContain('Query.alert is String here, Alert! upstream');
  });

  it('validates every document Panther clients send', () => {
    for (const [name, document] of Object.entries(CLIENT_DOCUMENTS)) {
      expect(validate(sandbox, parse(document)).map((e) => `${name}: ${e.message}`)).toEqual([]);
    }
  });
});
