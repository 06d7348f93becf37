// Bytes: what the host hands back (a body, a cache value, a file, query rows).

import { JsonValue, parseJson } from "./json";
import { Result } from "./result";

/** A byte sequence with views as text and JSON. */
export class Bytes {
  constructor(public readonly data: Uint8Array) {}

  static fromText(text: string): Bytes {
    return new Bytes(Uint8Array.wrap(String.UTF8.encode(text)));
  }

  get length(): i32 {
    return this.data.length;
  }

  /** The bytes decoded as UTF-8. */
  text(): string {
    return String.UTF8.decodeUnsafe(this.data.dataStart, <usize>this.data.length);
  }

  /** The bytes parsed as JSON. */
  json(): Result<JsonValue> {
    return parseJson(this.text());
  }
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(text));
}
