// The request being handled (`request_get_field` / `request_set_field`) and the
// response headers (`resp_set_header`). A missing key reads as "" (not an error).

import { request_get_field, request_set_field, resp_set_header } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent } from "./ident";
import { fromSlot } from "./ffi";
import { Result } from "./result";

/** The parts of a request, numbered as the host numbers them. */
export enum Field {
  META = 0,
  BODY = 1,
  HEADER = 2,
  PARAMS = 3,
  STATE = 4,
  QUERY = 5,
}

function text(result: Result<Bytes>): Result<string> {
  return result.isOk ? Result.ok(result.value.text()) : result.propagate<string>();
}

function done(result: Result<Bytes>): Result<bool> {
  return result.isOk ? Result.ok(true) : result.propagate<bool>();
}

export abstract class request {
  static method(): Result<string> {
    return text(request.getField(Field.META, "method"));
  }

  static url(): Result<string> {
    return text(request.getField(Field.META, "url"));
  }

  static id(): Result<string> {
    return text(request.getField(Field.META, "id"));
  }

  static body(): Result<Bytes> {
    return request.getField(Field.META, "body");
  }

  /** A string field of the JSON object in the body ("" when the body is empty). */
  static bodyField(key: string): Result<string> {
    return text(request.getField(Field.BODY, key));
  }

  /** A request header, any case. */
  static header(name: string): Result<string> {
    return text(request.getField(Field.HEADER, name));
  }

  /** A URL parameter of the route, e.g. `name` of `/hello/:name`. */
  static param(name: string): Result<string> {
    return text(request.getField(Field.PARAMS, name));
  }

  /** A query parameter of the URL, e.g. `page` of `?page=2`. */
  static query(name: string): Result<string> {
    return text(request.getField(Field.QUERY, name));
  }

  /** A value of the sequence's state, set by an earlier step. */
  static state(key: string): Result<string> {
    return text(request.getField(Field.STATE, key));
  }

  static setMethod(method: string): Result<bool> {
    return done(request.setField(Field.META, "method", method));
  }

  static setUrl(url: string): Result<bool> {
    return done(request.setField(Field.META, "url", url));
  }

  static setBody(body: string): Result<bool> {
    return done(request.setField(Field.META, "body", body));
  }

  /** Sets a string field of the JSON object in the body. */
  static setBodyField(key: string, value: string): Result<bool> {
    return done(request.setField(Field.BODY, key, value));
  }

  static setHeader(name: string, value: string): Result<bool> {
    return done(request.setField(Field.HEADER, name, value));
  }

  static setParam(name: string, value: string): Result<bool> {
    return done(request.setField(Field.PARAMS, name, value));
  }

  /** Sets a state value, which later steps of the sequence see. */
  static setState(key: string, value: string): Result<bool> {
    return done(request.setField(Field.STATE, key, value));
  }

  /** Reads any field by its number. */
  static getField(field: Field, key: string): Result<Bytes> {
    const k = utf8(key);
    return fromSlot("request_get_field", request_get_field(<i32>field, k.dataStart, k.length, currentIdent()));
  }

  /** Changes any field by its number; the host answers an empty result. */
  static setField(field: Field, key: string, value: string): Result<Bytes> {
    const k = utf8(key);
    const v = utf8(value);
    return fromSlot("request_set_field",
      request_set_field(<i32>field, k.dataStart, k.length, v.dataStart, v.length, currentIdent()));
  }
}

export abstract class response {
  /** Sets a header of the HTTP response (replacing one set before). */
  static setHeader(name: string, value: string): void {
    const n = utf8(name);
    const v = utf8(value);
    resp_set_header(n.dataStart, n.length, v.dataStart, v.length, currentIdent());
  }

  static contentType(value: string): void {
    response.setHeader("Content-Type", value);
  }
}
