import { componentSchemas, flatten, mappedValues, oneOfs, resolveMember, schemaName } from "./_schemas.js";

function allowedValues(property) {
  if (!property) return null;
  if (property.const !== undefined) return [property.const];
  if (Array.isArray(property.enum)) return property.enum;
  return null;
}

function sameSet(a, b) {
  return a.length === b.length && a.every((value) => b.includes(value));
}

// Leaf schemas of a target: the target itself, or the members of a nested oneOf.
function leaves(name, schemas) {
  const schema = schemas[name];
  if (schema && Array.isArray(schema.oneOf)) {
    return schema.oneOf.map((member) => resolveMember(member, schemas)).map((m) => m.name ?? name);
  }
  return [name];
}

export default function discriminatorConstrained(document) {
  const schemas = componentSchemas(document);
  const results = [];
  for (const { node, path } of oneOfs(document)) {
    if (!node.discriminator) continue;
    const field = node.discriminator.propertyName;
    const memberNames = new Set(node.oneOf.map((m) => schemaName(m && m.$ref)));
    for (const [target, values] of mappedValues(node, schemas)) {
      if (!memberNames.has(target)) {
        results.push({ message: `mapping sends ${values.join(", ")} to ${target}, which is not in the oneOf`, path: [...path, "discriminator"] });
        continue;
      }
      for (const leaf of leaves(target, schemas)) {
        const flat = flatten(schemas[leaf], schemas);
        const where = ["components", "schemas", leaf];
        if (!flat.required.has(field)) {
          results.push({ message: `${leaf} does not require the discriminator ${field}`, path: where });
          continue;
        }
        const allowed = allowedValues(flat.properties[field]);
        if (allowed === null || !sameSet(allowed, values)) {
          results.push({
            message: `${leaf}.${field} must allow exactly ${values.join(", ")} (const or enum), allows ${allowed === null ? "anything" : allowed.join(", ")}`,
            path: where,
          });
        }
      }
    }
  }
  return results;
}
