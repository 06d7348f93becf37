package dev.atmo.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * The JSON envelope the original Atmo's message bus put on the wire:
 * {@code {"meta":{"uuid","parent_id","response_to","msg_type","timestamp"},"payload":{"data":"<base64>"}}}.
 */
final class GravEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GravEnvelope() {
    }

    /** An incoming envelope: its uuid (what a reply's {@code response_to} names) and decoded payload. */
    record Opened(String uuid, byte[] data) {
    }

    /**
     * Reads an envelope.
     *
     * @throws IllegalArgumentException when the bytes are not an envelope
     */
    static Opened open(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not a JSON message envelope");
        }
        if (root == null || !root.path("meta").isObject() || !root.path("payload").isObject()) {
            throw new IllegalArgumentException("payload is not a message envelope with meta and payload");
        }
        JsonNode data = root.path("payload").path("data");
        if (!data.isNull() && !data.isMissingNode() && !data.isTextual()) {
            throw new IllegalArgumentException("envelope payload.data must be a base64 string");
        }
        try {
            byte[] decoded = data.isTextual() ? Base64.getDecoder().decode(data.asText()) : new byte[0];
            return new Opened(root.path("meta").path("uuid").asText(""), decoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("envelope payload.data is not valid base64");
        }
    }

    /** Wraps a reply: a fresh uuid, {@code msg_type} the subject it goes to, {@code data} null when empty. */
    static byte[] seal(byte[] data, String msgType, String responseTo) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject("meta");
        meta.put("uuid", UUID.randomUUID().toString());
        meta.put("parent_id", "");
        meta.put("response_to", responseTo);
        meta.put("msg_type", msgType);
        meta.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ObjectNode payload = root.putObject("payload");
        if (data.length == 0) {
            payload.putNull("data");
        } else {
            payload.put("data", Base64.getEncoder().encodeToString(data));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a message envelope", e);
        }
    }
}
