/**
 * Checks a JSON value read back from the table against the shape its type promises, so a damaged or
 * foreign item is an error naming the key and the path (`report.fixes[0].fixedIn`), not a wrong answer
 * later. Only what the codecs in `table-layout.ts` need.
 */
export type Shape<T> = (value: unknown, path: string) => T;

/** The path and what was expected there; the codec adds the item's key. */
export class ShapeError extends Error {
  constructor(path: string, expected: string, value: unknown) {
    super(`${path} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
    this.name = 'ShapeError';
  }
}

function is<T>(test: (value: unknown) => boolean, expected: string): Shape<T> {
  return (value, path) => {
    if (!test(value)) throw new ShapeError(path, expected, value);
    return value as T;
  };
}

export const string = is<string>((value) => typeof value === 'string', 'a string');
export const number = is<number>((value) => typeof value === 'number' && Number.isFinite(value), 'a number');
export const boolean = is<boolean>((value) => typeof value === 'boolean', 'true or false');

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value, path) => (value === null ? null : shape(value, path));
}

export function oneOf<T extends string>(allowed: readonly T[]): Shape<T> {
  return is<T>((value) => (allowed as readonly unknown[]).includes(value), `one of ${allowed.join(', ')}`);
}

export function array<T>(shape: Shape<T>): Shape<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, 'an array', value);
    return value.map((item, index) => shape(item, `${path}[${index}]`));
  };
}

function plainObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(path, 'an object', value);
  }
  return value as Record<string, unknown>;
}

/** An object with string keys, each value of one shape. */
export function record<T>(shape: Shape<T>): Shape<Record<string, T>> {
  return (value, path) =>
    Object.fromEntries(
      Object.entries(plainObject(value, path)).map(([key, item]) => [key, shape(item, `${path}.${key}`)]),
    );
}

type Fields = Record<string, Shape<unknown>>;
type Parsed<F extends Fields> = { [K in keyof F]: ReturnType<F[K]> };

/** An object with these fields (each present unless its shape accepts `undefined`); others are kept. */
export function object<F extends Fields>(fields: F): Shape<Parsed<F>> {
  return (value, path) => {
    const input = plainObject(value, path);
    const parsed: Record<string, unknown> = { ...input };
    for (const [name, shape] of Object.entries(fields)) {
      const field = shape(input[name], `${path}.${name}`);
      if (field !== undefined) parsed[name] = field;
    }
    return parsed as Parsed<F>;
  };
}

export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (value, path) => (value === undefined ? undefined : shape(value, path));
}
