package dev.atmo.wasm.abi;

import dev.atmo.wasm.error.RunnableError;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestRequest;
import dev.atmo.wasm.host.InvocationInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one {@code run_e} call as the host functions see it: its ident, the job's request,
 * the capabilities, the FFI result slot, the variable list and what the guest reported. The engine makes one
 * per job and reads back only what the guest reported; the rest is for the host functions of this package.
 */
public final class Invocation {
    /** What an ABI B guest reads when it uses a capability its bundle did not enable. */
    static final String NOT_ENABLED = "capability is not enabled";

    private final int ident;
    private final AbiVersion abi;
    private final String runnable;
    private final Optional<GuestRequest> request;
    private final Capabilities capabilities;
    private final Instant deadline;

    private byte[] slot;
    private final List<String> variables = new ArrayList<>();
    private byte[] result;
    private RunnableError error;
    private Object parsedBody;
    private byte[] parsedFrom;

    public Invocation(int ident, AbiVersion abi, String runnable, Optional<GuestRequest> request,
                      Capabilities capabilities, Instant deadline) {
        this.ident = ident;
        this.abi = abi;
        this.runnable = runnable;
        this.request = request;
        this.capabilities = capabilities;
        this.deadline = deadline;
    }

    public int ident() {
        return ident;
    }

    AbiVersion abi() {
        return abi;
    }

    String runnable() {
        return runnable;
    }

    Optional<GuestRequest> request() {
        return request;
    }

    Capabilities capabilities() {
        return capabilities;
    }

    InvocationInfo info() {
        return new InvocationInfo(runnable, request.map(GuestRequest::id).orElse(""), ident, deadline);
    }

    /** True while a slot-producing import's data waits for {@code get_ffi_result}. */
    boolean slotPending() {
        return slot != null;
    }

    /** Puts data in the slot and returns its length, the value the import hands back to the guest. */
    int fillSlot(byte[] data) {
        slot = data;
        return data.length;
    }

    /**
     * A failure stated once for both generations: ABI A returns {@code code}, ABI B hands {@code text} over in
     * the slot ({@link #failWithText}).
     */
    int fail(int code, String text) {
        return abi.fail(this, code, text);
    }

    /**
     * ABI B: an error travels as text in the slot and the import returns minus its length;
     * an empty text cannot be transported, so it is the unknown error -1.
     */
    int failWithText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return -1;
        }
        slot = bytes;
        return -bytes.length;
    }

    /** Takes the slot's data and clears it; empty when there is none. */
    Optional<byte[]> takeSlot() {
        byte[] data = slot;
        slot = null;
        return Optional.ofNullable(data);
    }

    void addVariable(String value) {
        variables.add(value);
    }

    /** The variables collected by {@code add_ffi_var}, cleared for the next query. */
    List<String> takeVariables() {
        List<String> taken = List.copyOf(variables);
        variables.clear();
        return taken;
    }

    /** The first reported result wins; later reports are ignored (the original blocked forever). */
    void reportResult(byte[] output) {
        if (result == null) {
            result = output;
        }
    }

    void reportError(RunnableError reported) {
        if (error == null) {
            error = reported;
        }
    }

    public Optional<byte[]> result() {
        return Optional.ofNullable(result);
    }

    public Optional<RunnableError> error() {
        return Optional.ofNullable(error);
    }

    /**
     * The request body parsed as JSON, cached so repeated field reads parse once; {@code request_set_field}
     * replaces the body array, which makes the next read parse the new body.
     */
    Object parsedBody(byte[] body, java.util.function.Function<byte[], Object> parser) {
        if (parsedBody == null || parsedFrom != body) {
            parsedBody = parser.apply(body);
            parsedFrom = body;
        }
        return parsedBody;
    }
}
