package dev.atmo.capability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON written the way Go's encoder writes re-decoded data, which guests of the original compared byte for
 * byte: object keys sorted at every level, {@code <}, {@code >} and {@code &} escaped as Go escapes them, and
 * integral numbers without a fraction.
 */
final class GoJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    static {
        JSON.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private GoJson() {
    }

    static ObjectMapper mapper() {
        return JSON;
    }

    static byte[] encode(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(normalise(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode normalise(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), normalise(field.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(normalise(element)));
            return out;
        }
        if (node.isFloatingPointNumber()) {
            double value = node.doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 1e21) {
                return JsonNodeFactory.instance.numberNode((long) value);
            }
            return JsonNodeFactory.instance.numberNode(value);
        }
        return node;
    }

    /**
     * Escapes what Go's encoder escapes, in its spelling: control characters other than newline, carriage return
     * and tab, {@code <}, {@code >}, {@code &}, U+2028 and U+2029, each as a six-character escape with lower-case
     * hex digits.
     */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    escapes[c] = CharacterEscapes.ESCAPE_CUSTOM;
                }
            }
            escapes['<'] = CharacterEscapes.ESCAPE_CUSTOM;
            escapes['>'] = CharacterEscapes.ESCAPE_CUSTOM;
            escapes['&'] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean custom = ch < escapes.length ? escapes[ch] == CharacterEscapes.ESCAPE_CUSTOM
                    : ch == 0x2028 || ch == 0x2029;
            return custom ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
