package dev.atmo.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The language a WebAssembly module was written in, as its {@code producers} custom section says: the
 * {@code language} field when there is one, else a tool of {@code processed-by} known to compile one language.
 * Most release builds strip the section: then the module does not say.
 */
public final class ModuleLanguage {
    private static final int CUSTOM_SECTION = 0;
    private static final Map<String, String> TOOLS = Map.of(
            "rustc", "Rust", "tinygo", "Go", "go", "Go", "clang", "C", "swiftc", "Swift",
            "assemblyscript", "AssemblyScript", "grain", "Grain", "emscripten", "C");

    private ModuleLanguage() {
    }

    /** The language of the module; empty when it does not say, or the bytes are not a module. */
    public static Optional<String> of(byte[] wasm) {
        try {
            return producers(wasm).flatMap(ModuleLanguage::fromProducers);
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> fromProducers(List<Field> fields) {
        for (Field field : fields) {
            if (field.name().equals("language") && !field.values().isEmpty()) {
                return Optional.of(field.values().get(0));
            }
        }
        for (Field field : fields) {
            if (field.name().equals("processed-by")) {
                for (String tool : field.values()) {
                    String language = TOOLS.get(tool.toLowerCase(Locale.ROOT));
                    if (language != null) {
                        return Optional.of(language);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** One field of the producers section with the names of its values (their versions left out). */
    private record Field(String name, List<String> values) {
    }

    private static Optional<List<Field>> producers(byte[] wasm) {
        if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
            return Optional.empty();
        }
        Reader in = new Reader(wasm, 8);
        while (in.position < wasm.length) {
            int id = wasm[in.position++] & 0xff;
            int size = in.u32();
            int end = in.position + size;
            if (id == CUSTOM_SECTION && in.name().equals("producers")) {
                List<Field> fields = new ArrayList<>();
                for (int i = in.u32(); i > 0 && in.position < end; i--) {
                    String name = in.name();
                    List<String> values = new ArrayList<>();
                    for (int j = in.u32(); j > 0; j--) {
                        values.add(in.name());
                        in.name();
                    }
                    fields.add(new Field(name, values));
                }
                return Optional.of(fields);
            }
            in.position = end;
        }
        return Optional.empty();
    }

    /** Reads LEB128 numbers and length-prefixed UTF-8 names from a module's bytes. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int u32() {
            long value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = bytes[position++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    if (value > Integer.MAX_VALUE) {
                        throw new IndexOutOfBoundsException("length " + value + " past any module");
                    }
                    return (int) value;
                }
            }
            throw new IndexOutOfBoundsException("LEB128 number longer than 5 bytes");
        }

        String name() {
            int length = u32();
            if (length > bytes.length - position) {
                throw new IndexOutOfBoundsException("name of " + length + " bytes past the end of the module");
            }
            String name = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return name;
        }
    }
}
