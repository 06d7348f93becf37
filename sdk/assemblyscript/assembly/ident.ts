// The ident of the job being run. The host hands it to run_e and expects it
// back as the last argument of every import; the SDK keeps it here.

let current: i32 = 0;

/** The ident of the current job (what run_e received). */
export function currentIdent(): i32 {
  return current;
}

/**
 * Sets the ident the SDK passes to the host. run_e does this for you at the
 * start of each job; call it yourself only to test how a host treats a wrong ident.
 */
export function useIdent(ident: i32): void {
  current = ident;
}
