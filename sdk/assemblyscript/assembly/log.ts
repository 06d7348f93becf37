// Log lines in the server's log, with the Runnable's name and the request id.

import { log_msg } from "./env";
import { utf8 } from "./bytes";
import { currentIdent } from "./ident";

/** Log levels as the host numbers them. */
export enum Level {
  ERROR = 1,
  WARN = 2,
  INFO = 3,
  DEBUG = 4,
}

export abstract class log {
  static error(message: string): void {
    log.at(Level.ERROR, message);
  }

  static warn(message: string): void {
    log.at(Level.WARN, message);
  }

  static info(message: string): void {
    log.at(Level.INFO, message);
  }

  static debug(message: string): void {
    log.at(Level.DEBUG, message);
  }

  /** Logs at a level given as a number (the host treats unknown numbers as info). */
  static at(level: i32, message: string): void {
    const m = utf8(message);
    log_msg(m.dataStart, m.length, level, currentIdent());
  }
}
