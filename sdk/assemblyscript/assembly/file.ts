// Static files of the bundle (its `static/` directory), read-only.

import { get_static_file } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent } from "./ident";
import { fromSlot } from "./ffi";
import { Result } from "./result";

export abstract class file {
  /** The file's bytes; a missing file is the error `file does not exist`. */
  static getStatic(name: string): Result<Bytes> {
    const n = utf8(name);
    return fromSlot("get_static_file", get_static_file(n.dataStart, n.length, currentIdent()));
  }
}
