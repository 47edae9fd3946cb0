// Helpers shared by the grantwire rules: they read the unresolved document so that schema names
// (which the discriminator mapping refers to) stay visible.
const PREFIX = "#/components/schemas/";

export function schemaName(ref) {
  return typeof ref === "string" && ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : null;
}

export function componentSchemas(document) {
  return (document && document.components && document.components.schemas) || {};
}

// A member of a oneOf is either a $ref to a component schema or an inline schema.
export function resolveMember(member, schemas) {
  const name = schemaName(member && member.$ref);
  return name === null ? { name: null, schema: member } : { name, schema: schemas[name] };
}

// The required fields and properties of a schema, following $ref and allOf.
export function flatten(schema, schemas, seen = new Set()) {
  const out = { required: new Set(), properties: {} };
  if (!schema || typeof schema !== "object") return out;
  const name = schemaName(schema.$ref);
  if (name !== null) {
    if (seen.has(name)) return out;
    seen.add(name);
    return flatten(schemas[name], schemas, seen);
  }
  for (const part of schema.allOf || []) {
    const inner = flatten(part, schemas, seen);
    inner.required.forEach((field) => out.required.add(field));
    Object.assign(out.properties, inner.properties);
  }
  (schema.required || []).forEach((field) => out.required.add(field));
  Object.assign(out.properties, schema.properties || {});
  return out;
}

// Every object in the document that has a oneOf, with its JSON path.
export function* oneOfs(node, path = []) {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* oneOfs(node[i], [...path, i]);
  } else if (node && typeof node === "object") {
    if (Array.isArray(node.oneOf)) yield { node, path };
    for (const [key, value] of Object.entries(node)) yield* oneOfs(value, [...path, key]);
  }
}

// The discriminator values that select each target schema: explicit mapping, else implicit by name.
export function mappedValues(node, schemas) {
  const byTarget = new Map();
  const mapping = (node.discriminator && node.discriminator.mapping) || {};
  const add = (target, value) => byTarget.set(target, [...(byTarget.get(target) || []), value]);
  for (const [value, ref] of Object.entries(mapping)) add(schemaName(ref) ?? ref, value);
  for (const member of node.oneOf) {
    const name = schemaName(member && member.$ref);
    if (name !== null && !byTarget.has(name)) add(name, name);
  }
  return byTarget;
}
