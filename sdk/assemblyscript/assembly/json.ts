// A small JSON library: parse text into a tree of JsonValue with typed
// accessors, or build a tree and serialise it with correct escaping.

import { HostError, Result } from "./result";

export enum JsonKind {
  NULL,
  BOOL,
  NUMBER,
  STRING,
  ARRAY,
  OBJECT,
}

/** One JSON value. Objects keep their keys in insertion (or document) order. */
export class JsonValue {
  private _bool: bool = false;
  private _number: f64 = 0;
  private _string: string = "";
  private _items: JsonValue[] = [];
  private _keys: string[] = [];

  private constructor(public readonly kind: JsonKind) {}

  // ---- building ----

  static null(): JsonValue {
    return new JsonValue(JsonKind.NULL);
  }

  static bool(value: bool): JsonValue {
    const v = new JsonValue(JsonKind.BOOL);
    v._bool = value;
    return v;
  }

  static number(value: f64): JsonValue {
    const v = new JsonValue(JsonKind.NUMBER);
    v._number = value;
    return v;
  }

  static string(value: string): JsonValue {
    const v = new JsonValue(JsonKind.STRING);
    v._string = value;
    return v;
  }

  static array(): JsonValue {
    return new JsonValue(JsonKind.ARRAY);
  }

  static object(): JsonValue {
    return new JsonValue(JsonKind.OBJECT);
  }

  /** Object: sets `key` (replacing an earlier value) and returns this object, for chaining. */
  set(key: string, value: JsonValue): JsonValue {
    this.expect(JsonKind.OBJECT, "set");
    const i = this._keys.indexOf(key);
    if (i >= 0) {
      this._items[i] = value;
    } else {
      this._keys.push(key);
      this._items.push(value);
    }
    return this;
  }

  /** Object: sets a string member. */
  setString(key: string, value: string): JsonValue {
    return this.set(key, JsonValue.string(value));
  }

  /** Object: sets a number member. */
  setNumber(key: string, value: f64): JsonValue {
    return this.set(key, JsonValue.number(value));
  }

  /** Object: sets a boolean member. */
  setBool(key: string, value: bool): JsonValue {
    return this.set(key, JsonValue.bool(value));
  }

  /** Array: appends a value and returns this array, for chaining. */
  push(value: JsonValue): JsonValue {
    this.expect(JsonKind.ARRAY, "push");
    this._items.push(value);
    return this;
  }

  // ---- reading ----

  get isNull(): bool {
    return this.kind == JsonKind.NULL;
  }

  /** Object: whether it has the key. */
  has(key: string): bool {
    return this.kind == JsonKind.OBJECT && this._keys.includes(key);
  }

  /** Object: the member, or JSON null when absent (or when this is not an object). */
  get(key: string): JsonValue {
    if (this.kind == JsonKind.OBJECT) {
      const i = this._keys.indexOf(key);
      if (i >= 0) return this._items[i];
    }
    return JsonValue.null();
  }

  /** Array: the item, or JSON null when out of range (or when this is not an array). */
  at(index: i32): JsonValue {
    if (this.kind == JsonKind.ARRAY && index >= 0 && index < this._items.length) {
      return this._items[index];
    }
    return JsonValue.null();
  }

  /** Array: number of items; object: number of members; otherwise 0. */
  get length(): i32 {
    return this.kind == JsonKind.ARRAY || this.kind == JsonKind.OBJECT ? this._items.length : 0;
  }

  /** Object: the keys in order. */
  keys(): string[] {
    return this._keys.slice(0);
  }

  /** The string, or `fallback` when this is not a string. */
  asString(fallback: string = ""): string {
    return this.kind == JsonKind.STRING ? this._string : fallback;
  }

  /** The number, or `fallback` when this is not a number. */
  asNumber(fallback: f64 = 0): f64 {
    return this.kind == JsonKind.NUMBER ? this._number : fallback;
  }

  /** The number as an integer (truncated), or `fallback` when this is not a number. */
  asInt(fallback: i64 = 0): i64 {
    return this.kind == JsonKind.NUMBER ? <i64>this._number : fallback;
  }

  /** The boolean, or `fallback` when this is not a boolean. */
  asBool(fallback: bool = false): bool {
    return this.kind == JsonKind.BOOL ? this._bool : fallback;
  }

  // ---- writing ----

  /** Compact JSON text. Integral numbers have no fraction; NaN and infinities are written as null. */
  stringify(): string {
    const out = new Array<string>();
    this.write(out);
    return out.join("");
  }

  toString(): string {
    return this.stringify();
  }

  private write(out: string[]): void {
    switch (this.kind) {
      case JsonKind.NULL:
        out.push("null");
        break;
      case JsonKind.BOOL:
        out.push(this._bool ? "true" : "false");
        break;
      case JsonKind.NUMBER:
        out.push(formatNumber(this._number));
        break;
      case JsonKind.STRING:
        out.push(quote(this._string));
        break;
      case JsonKind.ARRAY:
        out.push("[");
        for (let i = 0; i < this._items.length; i++) {
          if (i > 0) out.push(",");
          this._items[i].write(out);
        }
        out.push("]");
        break;
      default:
        out.push("{");
        for (let i = 0; i < this._items.length; i++) {
          if (i > 0) out.push(",");
          out.push(quote(this._keys[i]));
          out.push(":");
          this._items[i].write(out);
        }
        out.push("}");
    }
  }

  private expect(kind: JsonKind, operation: string): void {
    if (this.kind != kind) {
      throw new Error("JsonValue." + operation + " on a value that is not an " + (kind == JsonKind.OBJECT ? "object" : "array"));
    }
  }
}

/** A JSON string literal for the text: quotes, backslashes and control characters escaped. */
export function quote(text: string): string {
  let out = "\"";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let escaped = "";
    if (c == 0x22) escaped = "\\\"";
    else if (c == 0x5c) escaped = "\\\\";
    else if (c == 0x0a) escaped = "\\n";
    else if (c == 0x0d) escaped = "\\r";
    else if (c == 0x09) escaped = "\\t";
    else if (c == 0x08) escaped = "\\b";
    else if (c == 0x0c) escaped = "\\f";
    else if (c < 0x20 || c == 0x2028 || c == 0x2029) escaped = "\\u" + hex4(c);
    else continue;
    out += text.substring(start, i) + escaped;
    start = i + 1;
  }
  return out + text.substring(start) + "\"";
}

function hex4(c: i32): string {
  const digits = "0123456789abcdef";
  let s = "";
  for (let shift = 12; shift >= 0; shift -= 4) {
    s += digits.charAt((c >> shift) & 0xf);
  }
  return s;
}

function formatNumber(n: f64): string {
  if (!isFinite(n)) return "null";
  if (n == Math.floor(n) && Math.abs(n) < 9007199254740992.0) {
    return (<i64>n).toString();
  }
  return n.toString();
}

/** Parses JSON text. A syntax error is a HostError with call `json` naming the position. */
export function parseJson(text: string): Result<JsonValue> {
  const parser = new Parser(text);
  parser.skipSpace();
  const value = parser.value();
  parser.skipSpace();
  if (parser.failed.length == 0 && parser.pos < text.length) {
    parser.fail("unexpected text after the value");
  }
  if (parser.failed.length > 0) {
    return Result.err<JsonValue>(new HostError("json", -1, parser.failed, false));
  }
  return Result.ok(value);
}

class Parser {
  pos: i32 = 0;
  failed: string = "";

  constructor(private readonly text: string) {}

  fail(what: string): void {
    if (this.failed.length == 0) {
      this.failed = what + " at offset " + this.pos.toString();
    }
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
      this.pos++;
    }
  }

  value(): JsonValue {
    if (this.pos >= this.text.length) {
      this.fail("unexpected end of JSON");
      return JsonValue.null();
    }
    const c = this.text.charCodeAt(this.pos);
    if (c == 0x7b) return this.object();
    if (c == 0x5b) return this.array();
    if (c == 0x22) return JsonValue.string(this.string());
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.word("true")) return JsonValue.bool(true);
    if (this.word("false")) return JsonValue.bool(false);
    if (this.word("null")) return JsonValue.null();
    this.fail("unexpected character '" + String.fromCharCode(c) + "'");
    return JsonValue.null();
  }

  private word(w: string): bool {
    if (this.text.startsWith(w, this.pos)) {
      this.pos += w.length;
      return true;
    }
    return false;
  }

  private object(): JsonValue {
    const obj = JsonValue.object();
    this.pos++;
    this.skipSpace();
    if (this.peek() == 0x7d) {
      this.pos++;
      return obj;
    }
    while (this.failed.length == 0) {
      this.skipSpace();
      if (this.peek() != 0x22) {
        this.fail("expected a string key");
        break;
      }
      const key = this.string();
      this.skipSpace();
      if (this.peek() != 0x3a) {
        this.fail("expected ':'");
        break;
      }
      this.pos++;
      this.skipSpace();
      obj.set(key, this.value());
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c == 0x7d) break;
      if (c != 0x2c) {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
    return obj;
  }

  private array(): JsonValue {
    const arr = JsonValue.array();
    this.pos++;
    this.skipSpace();
    if (this.peek() == 0x5d) {
      this.pos++;
      return arr;
    }
    while (this.failed.length == 0) {
      this.skipSpace();
      arr.push(this.value());
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c == 0x5d) break;
      if (c != 0x2c) {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
    return arr;
  }

  private peek(): i32 {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  private string(): string {
    this.pos++;
    let out = "";
    let start = this.pos;
    while (true) {
      if (this.pos >= this.text.length) {
        this.fail("unterminated string");
        return out;
      }
      const c = this.text.charCodeAt(this.pos);
      if (c == 0x22) {
        out += this.text.substring(start, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) {
        this.fail("control character in string");
        return out;
      }
      if (c != 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.substring(start, this.pos);
      const e = this.pos + 1 < this.text.length ? this.text.charCodeAt(this.pos + 1) : -1;
      this.pos += 2;
      if (e == 0x22) out += "\"";
      else if (e == 0x5c) out += "\\";
      else if (e == 0x2f) out += "/";
      else if (e == 0x62) out += "\b";
      else if (e == 0x66) out += "\f";
      else if (e == 0x6e) out += "\n";
      else if (e == 0x72) out += "\r";
      else if (e == 0x74) out += "\t";
      else if (e == 0x75) {
        const unit = this.hex();
        if (unit < 0) return out;
        out += String.fromCharCode(unit);
      } else {
        this.pos -= 2;
        this.fail("invalid escape");
        return out;
      }
      start = this.pos;
    }
  }

  /** Four hex digits after `\u` (a UTF-16 unit; surrogate pairs come as two escapes). */
  private hex(): i32 {
    if (this.pos + 4 > this.text.length) {
      this.fail("short \\u escape");
      return -1;
    }
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.text.charCodeAt(this.pos + i);
      let d = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      if (d < 0) {
        this.fail("invalid \\u escape");
        return -1;
      }
      v = v * 16 + d;
    }
    this.pos += 4;
    return v;
  }

  private number(): JsonValue {
    const start = this.pos;
    if (this.peek() == 0x2d) this.pos++;
    if (!this.digits()) {
      this.fail("invalid number");
      return JsonValue.null();
    }
    if (this.peek() == 0x2e) {
      this.pos++;
      if (!this.digits()) {
        this.fail("invalid number");
        return JsonValue.null();
      }
    }
    const e = this.peek();
    if (e == 0x65 || e == 0x45) {
      this.pos++;
      const sign = this.peek();
      if (sign == 0x2b || sign == 0x2d) this.pos++;
      if (!this.digits()) {
        this.fail("invalid number");
        return JsonValue.null();
      }
    }
    return JsonValue.number(parseFloat(this.text.substring(start, this.pos)));
  }

  private digits(): bool {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c < 0x30 || c > 0x39) break;
      this.pos++;
    }
    return this.pos > start;
  }
}
