// Database queries declared in the Directive (`queries:`), run by name with
// positional variables (`add_ffi_var` then `db_exec`).

import { db_exec } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent } from "./ident";
import { addVar, fromSlot } from "./ffi";
import { Result } from "./result";

/** The type of a declared query, numbered as the host numbers it. */
export enum QueryType {
  INSERT = 0,
  SELECT = 1,
  UPDATE = 2,
  DELETE = 3,
}

export abstract class db {
  /** Runs a SELECT query: the answer is a JSON array of row objects keyed by column name. */
  static select(name: string, vars: string[] = []): Result<Bytes> {
    return db.query(QueryType.SELECT, name, vars);
  }

  /** Runs an INSERT query: the answer is `{"lastInsertID":n,"rowsAffected":0}`. */
  static insert(name: string, vars: string[] = []): Result<Bytes> {
    return db.query(QueryType.INSERT, name, vars);
  }

  /** Runs an UPDATE query: the answer is `{"lastInsertID":0,"rowsAffected":n}`. */
  static update(name: string, vars: string[] = []): Result<Bytes> {
    return db.query(QueryType.UPDATE, name, vars);
  }

  /** Runs a DELETE query: the answer is `{"lastInsertID":0,"rowsAffected":n}`. */
  static delete(name: string, vars: string[] = []): Result<Bytes> {
    return db.query(QueryType.DELETE, name, vars);
  }

  /** Adds the variables in order, then runs the query. */
  static query(type: QueryType, name: string, vars: string[]): Result<Bytes> {
    for (let i = 0; i < vars.length; i++) {
      const added = addVar((i + 1).toString(), vars[i]);
      if (added.isErr) {
        return added.propagate<Bytes>();
      }
    }
    return db.exec(type, name);
  }

  /** Adds one variable for the next query; the host uses the values in the order added. */
  static addVar(name: string, value: string): Result<bool> {
    return addVar(name, value);
  }

  /** Runs the query with the variables added so far (and forgets them). */
  static exec(type: QueryType, name: string): Result<Bytes> {
    const n = utf8(name);
    return fromSlot("db_exec", db_exec(<i32>type, n.dataStart, n.length, currentIdent()));
  }
}
