// Property names that carry a secret: passwords, client secrets, assertions, authorization and
// device codes, PINs, PKCE verifiers and any kind of token (but not token_type or expires_in).
const SECRET_NAME = /(^|_)(password|secret|assertion|code|pin|verifier|token)$|[a-z](Token|Secret|Password)$/;

function isMarked(schema) {
  return Boolean(schema) && (schema.format === "password" || schema.writeOnly === true);
}

// Walks a resolved schema: its properties, and the schemas it combines.
function* properties(schema, path, seen = new Set()) {
  if (!schema || typeof schema !== "object" || seen.has(schema)) return;
  seen.add(schema);
  for (const [name, inner] of Object.entries(schema.properties || {})) {
    yield { name, schema: inner, path: [...path, "properties", name] };
    yield* properties(inner, [...path, "properties", name], seen);
  }
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    for (let i = 0; i < (schema[key] || []).length; i++) yield* properties(schema[key][i], [...path, key, i], seen);
  }
  if (schema.items) yield* properties(schema.items, [...path, "items"], seen);
}

// Given a request body or success response schema (resolved); error bodies carry no secrets.
export default function secretsMarked(schema, _options, context) {
  const results = [];
  for (const { name, schema: property, path } of properties(schema, context.path)) {
    if (SECRET_NAME.test(name) && !isMarked(property)) {
      results.push({ message: `${name} carries a secret: mark it format: password or writeOnly`, path });
    }
  }
  return results;
}
