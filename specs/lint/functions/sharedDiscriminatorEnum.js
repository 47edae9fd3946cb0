import { componentSchemas, mappedValues, oneOfs } from "./_schemas.js";

// A house rule of our own specs (the generator accepts any document): every discriminated union
// has one string enum schema listing exactly its discriminator values, so users get one enum of
// grant types instead of a copy per variant.
export default function sharedDiscriminatorEnum(document) {
  const schemas = componentSchemas(document);
  const enums = Object.values(schemas)
    .filter((schema) => schema && schema.type === "string" && Array.isArray(schema.enum))
    .map((schema) => new Set(schema.enum.map(String)));
  const results = [];
  for (const { node, path } of oneOfs(document)) {
    if (!node.discriminator) continue;
    const values = [...mappedValues(node, schemas).values()].flat();
    const shared = enums.some((set) => set.size === values.length && values.every((value) => set.has(value)));
    if (!shared) {
      results.push({
        message: `declare one string enum schema listing exactly the ${node.discriminator.propertyName} values ${values.join(", ")}`,
        path: [...path, "discriminator"],
      });
    }
  }
  return results;
}
