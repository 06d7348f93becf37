package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.HttpCall;
import dev.atmo.wasm.host.HttpCapability;
import dev.atmo.wasm.host.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code fetch_url}: outbound HTTP with headers encoded in the URL string as {@code url::Name:value}. */
final class HttpImport {
    private HttpImport() {
    }

    static long fetchUrl(Invocation inv, GuestMemory memory, long[] a) {
        if (inv.slotPending()) {
            return -1;
        }
        Optional<String> method = inv.abi().httpMethod((int) a[0]);
        String encoded = memory.readString(a[1], a[2]);
        byte[] body = memory.read(a[3], a[4]);
        Optional<HttpCall> call = method.flatMap(m -> decode(m, encoded, body));
        if (call.isEmpty()) {
            return -2;
        }
        Optional<HttpCapability> http = inv.capabilities().http();
        if (http.isEmpty()) {
            return inv.fail(-3, Invocation.NOT_ENABLED);
        }
        HttpReply reply;
        try {
            reply = http.get().send(call.get(), inv.info());
        } catch (CapabilityException e) {
            return inv.fail(-3, e.getMessage());
        }
        if (reply.status() > 299) {
            return inv.fail(-reply.status(), reply.status() + ": " + new String(reply.body(), StandardCharsets.UTF_8));
        }
        return inv.fillSlot(reply.body());
    }

    /**
     * Splits {@code url::A:1::B:2}. A {@code ::} inside an IPv6 literal of the URL (its host, {@code
     * http://[::1]/}, or a URL in its query) is part of the URL: the URL goes on while a {@code [} is open. A
     * header piece without exactly one colon makes the call invalid.
     */
    static Optional<HttpCall> decode(String method, String encoded, byte[] body) {
        String[] pieces = encoded.split("::", -1);
        StringBuilder url = new StringBuilder(pieces[0]);
        int first = 1;
        while (first < pieces.length && url.lastIndexOf("[") > url.lastIndexOf("]")) {
            url.append("::").append(pieces[first++]);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean hasContentType = false;
        for (int i = first; i < pieces.length; i++) {
            String piece = pieces[i];
            int colon = piece.indexOf(':');
            if (colon < 0 || piece.indexOf(':', colon + 1) >= 0) {
                return Optional.empty();
            }
            String name = piece.substring(0, colon);
            hasContentType |= name.equalsIgnoreCase("Content-Type");
            headers.add(Map.entry(name, piece.substring(colon + 1)));
        }
        if (body.length > 0 && !hasContentType) {
            headers.add(Map.entry("Content-Type", "application/octet-stream"));
        }
        return Optional.of(new HttpCall(method, url.toString(), headers, body));
    }
}
