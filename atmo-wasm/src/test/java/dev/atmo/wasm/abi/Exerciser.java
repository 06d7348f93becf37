package dev.atmo.wasm.abi;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The ABI exerciser modules in {@code testdata/runnables/wasm}: one per generation and source language.
 * The Swift-style modules import the {@code <name>_swift} twin of every function; the SDK-built modules
 * ({@code sdk-*}) speak generation B only.
 */
enum Exerciser {
    RUST_A("abi-a-rust", AbiVersion.A, Language.RUST, "init"),
    ASSEMBLYSCRIPT_A("abi-a-as", AbiVersion.A, Language.ASSEMBLYSCRIPT, "start-section"),
    C_A("abi-a-c", AbiVersion.A, Language.C, "_initialize"),
    SWIFT_A("abi-a-swift-wat", AbiVersion.A, Language.SWIFT_WAT, "init"),
    RUST_B("abi-b-rust", AbiVersion.B, Language.RUST, "_start"),
    ASSEMBLYSCRIPT_B("abi-b-as", AbiVersion.B, Language.ASSEMBLYSCRIPT, "start-section"),
    C_B("abi-b-c", AbiVersion.B, Language.C, "_initialize"),
    SWIFT_B("abi-swift-wat", AbiVersion.B, Language.SWIFT_WAT, "_start"),
    ASSEMBLYSCRIPT_SDK_B("sdk-assemblyscript", AbiVersion.B, Language.ASSEMBLYSCRIPT_SDK, "start-section,init"),
    C_SDK_B("sdk-c", AbiVersion.B, Language.C_SDK, "_initialize,init");

    private final String module;
    private final AbiVersion abi;
    private final Language language;
    private final String inits;

    Exerciser(String module, AbiVersion abi, Language language, String inits) {
        this.module = module;
        this.abi = abi;
        this.language = language;
        this.inits = inits;
    }

    static Stream<Exerciser> of(AbiVersion abi) {
        return Arrays.stream(values()).filter(e -> e.abi == abi);
    }

    String module() {
        return module;
    }

    AbiVersion abi() {
        return abi;
    }

    Language language() {
        return language;
    }

    /** The initialisation functions the module records when the host runs it as recommended. */
    String inits() {
        return inits;
    }

    /** The name under which this module imports a host function. */
    String importName(String function) {
        return language == Language.SWIFT_WAT ? function + "_swift" : function;
    }

    /** The file name the module reports from {@code return_abort}. */
    String abortFile() {
        return module;
    }

    @Override
    public String toString() {
        return module;
    }

    /** The source languages of the exercisers, as the conformance table names them. */
    enum Language {
        RUST("Rust"),
        ASSEMBLYSCRIPT("AssemblyScript"),
        C("C"),
        SWIFT_WAT("Swift twins (WAT)"),
        ASSEMBLYSCRIPT_SDK("AssemblyScript SDK", AbiVersion.B),
        C_SDK("C SDK", AbiVersion.B);

        private final String title;
        private final Set<AbiVersion> generations;

        Language(String title, AbiVersion... generations) {
            this.title = title;
            this.generations = generations.length == 0
                    ? EnumSet.allOf(AbiVersion.class)
                    : EnumSet.copyOf(Arrays.asList(generations));
        }

        String title() {
            return title;
        }

        /** Whether exercisers of this language exist for the generation (the project's SDKs speak only B). */
        boolean covers(AbiVersion abi) {
            return generations.contains(abi);
        }
    }
}
