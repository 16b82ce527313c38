// Check 5 of the fuzz oracle: a run must leave the built-in prototypes as it found them (`--set '__proto__ .x=1'`
// once wrote into Object.prototype, which changes every object of the process from then on).

const WATCHED: readonly [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
];

interface Slot {
  label: string;
  proto: object;
  key: PropertyKey;
  descriptor: PropertyDescriptor;
}

export type PrototypeSnapshot = Map<string, Slot>;

/** Every own property of the watched prototypes with its descriptor (the value itself, not a copy). */
export function prototypeSnapshot(): PrototypeSnapshot {
  const snapshot: PrototypeSnapshot = new Map();
  for (const [name, proto] of WATCHED) {
    for (const key of Reflect.ownKeys(proto)) {
      const label = `${name}.${String(key)}`;
      snapshot.set(label, { label, proto, key, descriptor: Object.getOwnPropertyDescriptor(proto, key)! });
    }
  }
  return snapshot;
}

function same(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable
  );
}

/** "Object.prototype.x added" for each property added, changed or removed since `before`. */
export function prototypeChanges(before: PrototypeSnapshot): string[] {
  const after = prototypeSnapshot();
  const changes: string[] = [];
  for (const [label, slot] of after) {
    const old = before.get(label);
    if (old === undefined) changes.push(`${label} added`);
    else if (!same(old.descriptor, slot.descriptor)) changes.push(`${label} changed`);
  }
  for (const label of before.keys()) if (!after.has(label)) changes.push(`${label} removed`);
  return changes;
}

/** Puts the watched prototypes back as `before` had them, so that one polluting case does not spoil the next. */
export function restorePrototypes(before: PrototypeSnapshot): void {
  for (const [label, slot] of prototypeSnapshot()) {
    if (!before.has(label)) Reflect.deleteProperty(slot.proto, slot.key);
  }
  for (const slot of before.values()) Reflect.defineProperty(slot.proto, slot.key, slot.descriptor);
}
