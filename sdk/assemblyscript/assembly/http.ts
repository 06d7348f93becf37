// Outbound HTTP through the host (`fetch_url`). Headers travel in the URL string
// as `url::Name:value::Name:value`; a header value cannot contain `:`.

import { fetch_url } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent } from "./ident";
import { fromSlot } from "./ffi";
import { HostError, Result } from "./result";

/** HTTP methods, numbered as generation B of the ABI numbers them. */
export enum Method {
  GET = 0,
  HEAD = 1,
  OPTIONS = 2,
  POST = 3,
  PUT = 4,
  PATCH = 5,
  DELETE = 6,
}

const NO_BODY = new Uint8Array(0);

/** Outbound HTTP calls. Each answers the response body, or the host's error (e.g. `404: not here`). */
export abstract class http {
  static get(url: string, headers: Map<string, string> | null = null): Result<Bytes> {
    return http.request(Method.GET, url, NO_BODY, headers);
  }

  static head(url: string, headers: Map<string, string> | null = null): Result<Bytes> {
    return http.request(Method.HEAD, url, NO_BODY, headers);
  }

  static options(url: string, headers: Map<string, string> | null = null): Result<Bytes> {
    return http.request(Method.OPTIONS, url, NO_BODY, headers);
  }

  static post(url: string, body: string, headers: Map<string, string> | null = null): Result<Bytes> {
    return http.request(Method.POST, url, utf8(body), headers);
  }

  static put(url: string, body: string, headers: Map<string, string> | null = null): Result<Bytes> {
    return http.request(Method.PUT, url, utf8(body), headers);
  }

  static patch(url: string, body: string, headers: Map<string, string> | null = null): Result<Bytes> {
    return http.request(Method.PATCH, url, utf8(body), headers);
  }

  static delete(url: string, headers: Map<string, string> | null = null): Result<Bytes> {
    return http.request(Method.DELETE, url, NO_BODY, headers);
  }

  /**
   * Any method with a body of bytes. A non-empty body without a Content-Type
   * header is sent as application/octet-stream.
   */
  static request(method: Method, url: string, body: Uint8Array,
                 headers: Map<string, string> | null = null): Result<Bytes> {
    let target = url;
    if (headers !== null) {
      const names = headers.keys();
      for (let i = 0; i < names.length; i++) {
        target += "::" + names[i] + ":" + headers.get(names[i]);
      }
    }
    const u = utf8(target);
    const rc = fetch_url(<i32>method, u.dataStart, u.length, body.dataStart, body.length, currentIdent());
    if (rc == -2) {
      // -2 with nothing in the slot: the host refused the call before sending it
      const refused = fromSlot("fetch_url", rc);
      const error = refused.error;
      if (!error.fromHost) {
        return Result.err<Bytes>(new HostError("fetch_url", rc,
          "refused: invalid method number or a header without exactly one ':'", false));
      }
      return refused;
    }
    return fromSlot("fetch_url", rc);
  }
}
