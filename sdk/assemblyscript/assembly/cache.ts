// The cache shared by every Runnable of the server (in memory or Redis).

import { cache_get, cache_set } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent } from "./ident";
import { fromSlot, fromStatus } from "./ffi";
import { Result } from "./result";

export abstract class cache {
  /** The value stored under the key; a missing key is the error `key not found`. */
  static get(key: string): Result<Bytes> {
    const k = utf8(key);
    return fromSlot("cache_get", cache_get(k.dataStart, k.length, currentIdent()));
  }

  /** Stores the text under the key for `ttlSeconds` (0: no expiry). */
  static set(key: string, value: string, ttlSeconds: i32 = 0): Result<bool> {
    return cache.setBytes(key, utf8(value), ttlSeconds);
  }

  /** Stores the bytes under the key for `ttlSeconds` (0: no expiry). */
  static setBytes(key: string, value: Uint8Array, ttlSeconds: i32 = 0): Result<bool> {
    const k = utf8(key);
    return fromStatus("cache_set",
      cache_set(k.dataStart, k.length, value.dataStart, value.length, ttlSeconds, currentIdent()));
  }
}
