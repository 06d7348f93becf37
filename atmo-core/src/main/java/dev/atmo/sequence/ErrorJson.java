package dev.atmo.sequence;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.atmo.wasm.error.RunnableError;
import java.nio.charset.StandardCharsets;

/** The JSON text a continued error is stored as: exactly {@code {"code":N,"message":"..."}}. */
final class ErrorJson {
    private ErrorJson() {
    }

    static byte[] of(RunnableError error) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(error.message()));
        return ("{\"code\":" + error.code() + ",\"message\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
