// What was thrown, as text or as an Error: `catch` gives `unknown`, and a rejected promise,
// a callback or a library may hand over a string or a plain object.

/** The message of anything thrown: an Error's message, otherwise its text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything thrown, as an Error (kept as-is when it already is one). */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
