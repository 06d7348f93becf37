// Results of fallible calls: every call that can fail returns a Result<T>
// holding either a value or a HostError.

/**
 * Why a call to the host failed.
 *
 * `code` is what the host function returned: -1 is the host's "unknown error"
 * (no text); any other negative number is minus the length of the error text,
 * which the SDK has fetched into `message` (`fromHost` is then true). Errors
 * found by the SDK itself also use -1.
 */
export class HostError {
  constructor(
    /** The host function that failed, e.g. `cache_get`. */
    public readonly call: string,
    /** The host function's return value. */
    public readonly code: i32,
    /** The error text from the host, or a description by the SDK. */
    public readonly message: string,
    /** True when `message` is the text the host sent. */
    public readonly fromHost: bool,
  ) {}

  toString(): string {
    return this.call + ": " + this.message;
  }
}

/** A value or an error. Check `isOk` / `isErr` before reading `value` / `error`. */
export class Result<T> {
  private constructor(private readonly _value: T, private readonly _error: HostError | null) {}

  static ok<T>(value: T): Result<T> {
    return new Result<T>(value, null);
  }

  static err<T>(error: HostError): Result<T> {
    let none: T;
    if (isReference<T>()) {
      none = changetype<T>(0);
    } else {
      none = <T>0;
    }
    return new Result<T>(none, error);
  }

  get isOk(): bool {
    return this._error === null;
  }

  get isErr(): bool {
    return this._error !== null;
  }

  /** The value; aborts the Runnable with the error's text when this is an error. */
  get value(): T {
    const error = this._error;
    if (error !== null) {
      throw new Error("value of a failed result: " + error.toString());
    }
    return this._value;
  }

  /** The error; aborts the Runnable when this is a value. */
  get error(): HostError {
    const error = this._error;
    if (error === null) {
      throw new Error("error of a successful result");
    }
    return changetype<HostError>(error);
  }

  /** The value, or `fallback` when this is an error. */
  valueOr(fallback: T): T {
    return this._error === null ? this._value : fallback;
  }

  /** The same error as a Result of another type, to pass it on. */
  propagate<U>(): Result<U> {
    return Result.err<U>(this.error);
  }
}
