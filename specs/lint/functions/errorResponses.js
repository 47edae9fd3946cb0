// An operation that documents no error response leaves clients guessing what a failure looks like.
export default function errorResponses(responses) {
  const codes = Object.keys(responses || {});
  if (codes.some((code) => /^[45]/.test(code) || code === "default")) return [];
  return [{ message: "operation documents no error response (4XX, 5XX or default)" }];
}
