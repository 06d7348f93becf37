package dev.atmo.cli.project;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A language our SDKs support: its {@code --lang} names, its SDK folder and its {@code lang} key. */
public enum Language {
    RUST("rust", List.of()),
    ASSEMBLYSCRIPT("assemblyscript", List.of("as", "ts", "typescript")),
    C("c", List.of());

    private final String id;
    private final List<String> aliases;

    Language(String id, List<String> aliases) {
        this.id = id;
        this.aliases = aliases;
    }

    /** The canonical name: the {@code lang} of {@code .runnable.yaml} and the folder of the SDK under {@code sdk/}. */
    public String id() {
        return id;
    }

    /** Finds a language by its name or one of its aliases, ignoring case. */
    public static Optional<Language> find(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.id.equals(wanted) || l.aliases.contains(wanted)).findFirst();
    }

    /**
     * Like {@link #find} but an unknown name is an error listing the known ones.
     *
     * @throws UsageException naming the unknown language and the known ones
     */
    public static Language of(String name) {
        return find(name).orElseThrow(() -> new UsageException(
                "unknown language '" + name + "'; known languages: " + known()));
    }

    /** {@code rust, assemblyscript (as, ts, typescript), c}. */
    public static String known() {
        return Arrays.stream(values())
                .map(l -> l.aliases.isEmpty() ? l.id : l.id + " (" + String.join(", ", l.aliases) + ")")
                .collect(Collectors.joining(", "));
    }
}
