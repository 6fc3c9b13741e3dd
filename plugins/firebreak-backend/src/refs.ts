/**
 * Lower-cases an entity ref (or a kind), the form Firebreak stores and compares refs in.
 *
 * `toLowerCase` applies the default Unicode case mapping, which is also the en-US locale's, and
 * does not depend on the server's locale; it is several times faster than
 * `toLocaleLowerCase('en-US')`, which counts on hot paths such as an entity's history or the
 * on-call of a thousand entities.
 *
 * @internal
 */
export function lowerRef(ref: string): string {
  return ref.toLowerCase();
}
