import { componentSchemas, flatten, mappedValues, oneOfs, resolveMember } from "./_schemas.js";

// A oneOf without a discriminator is allowed only as a mapping target whose members each require a
// field none of the others has: that is how the generator resolves a nested union after dispatch.
export default function discriminatedOneOf(document) {
  const schemas = componentSchemas(document);
  const targets = new Set();
  for (const { node } of oneOfs(document)) {
    if (node.discriminator) mappedValues(node, schemas).forEach((_, target) => targets.add(target));
  }
  const results = [];
  for (const { node, path } of oneOfs(document)) {
    if (node.discriminator) continue;
    const name = path.length === 3 && path[0] === "components" && path[1] === "schemas" ? path[2] : null;
    if (name === null || !targets.has(name)) {
      results.push({ message: "oneOf has no discriminator", path: [...path, "oneOf"] });
      continue;
    }
    const members = node.oneOf.map((member) => flatten(resolveMember(member, schemas).schema, schemas));
    members.forEach((member, index) => {
      const others = members.filter((_, other) => other !== index);
      const own = [...member.required].filter((field) => others.every((o) => !o.required.has(field)));
      if (own.length === 0) {
        results.push({
          message: `nested oneOf member ${index} requires no field of its own, so it cannot be told apart`,
          path: [...path, "oneOf", index],
        });
      }
    });
  }
  return results;
}
