// GraphQL queries through the host (`graphql_query`).

import { graphql_query } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent } from "./ident";
import { fromSlot } from "./ffi";
import { Result } from "./result";

export abstract class graphql {
  /**
   * POSTs the query to the endpoint and answers the response as JSON text,
   * `{"data":...}` with sorted keys. GraphQL errors come back as the error,
   * e.g. `graphQL error; path: repository, message: ...`.
   */
  static query(endpoint: string, query: string): Result<Bytes> {
    const e = utf8(endpoint);
    const q = utf8(query);
    return fromSlot("graphql_query", graphql_query(e.dataStart, e.length, q.dataStart, q.length, currentIdent()));
  }
}
