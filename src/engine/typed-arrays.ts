/** The typed arrays the model stores its state in. */
export type NumericArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of `array` with room for `capacity` elements (the new tail is zero). */
export function grown<T extends NumericArray>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}

/**
 * A ring buffer's contents unwrapped into a new array of `capacity`: the `length` elements from `head` onward
 * (wrapping at the old capacity, a power of two) land at 0..length-1.
 */
export function unwrappedRing<T extends NumericArray>(ring: T, head: number, length: number, capacity: number): T {
  const next = new (ring.constructor as new (length: number) => T)(capacity);
  const firstPart = Math.min(length, ring.length - head);
  next.set(ring.subarray(head, head + firstPart) as never, 0);
  if (firstPart < length) next.set(ring.subarray(0, length - firstPart) as never, firstPart);
  return next;
}
