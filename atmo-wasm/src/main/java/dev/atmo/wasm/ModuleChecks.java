package dev.atmo.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.abi.EnvImports;
import dev.atmo.wasm.error.ModuleLoadException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a Runnable's module and checks it can run here before anything is compiled: the required exports, the
 * imports (env functions of its ABI generation and WASI only), which ABI generation it speaks, and its memory
 * against the cap.
 */
final class ModuleChecks {
    static final String WASI_MODULE = "wasi_snapshot_preview1";
    private static final Logger LOG = LoggerFactory.getLogger(RunnableModule.class);

    /** A module that passed the checks, with what they learnt of it. */
    record Checked(WasmModule module, Set<String> exports, AbiVersion abi, List<String> envImports, boolean usesWasi,
                   MemoryLimits memoryLimits) {
    }

    private ModuleChecks() {
    }

    /**
     * Parses and checks a module.
     *
     * @throws ModuleLoadException naming the Runnable and what is wrong when the bytes are not a usable Runnable
     */
    static Checked check(byte[] wasm, ModuleOptions options) {
        String name = options.name();
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new ModuleLoadException("Runnable " + name + ": " + options.fileName()
                    + " is not a valid WebAssembly module: " + e.getMessage(), e);
        }
        Set<String> exports = exportNames(module);
        for (String required : List.of("run_e", "allocate")) {
            if (!exports.contains(required)) {
                throw new ModuleLoadException("Runnable " + name + " is missing required FFI function: " + required);
            }
        }
        if (!exports.contains("memory")) {
            throw new ModuleLoadException("Runnable " + name + " does not export its memory as 'memory'");
        }
        List<FunctionImport> imports = module.importSection().stream()
                .filter(i -> i.importType() == ExternalType.FUNCTION).map(FunctionImport.class::cast).toList();
        checkNonFunctionImports(name, module);
        AbiVersion abi = chooseAbi(options, imports, exports);
        List<String> envNames = imports.stream().filter(i -> i.module().equals(EnvImports.MODULE))
                .map(Import::name).toList();
        boolean usesWasi = false;
        for (FunctionImport imp : imports) {
            if (imp.module().equals(EnvImports.MODULE)) {
                EnvImports.check(name, imp.name(), module.typeSection().getType(imp.typeIndex()), abi);
            } else if (imp.module().equals(WASI_MODULE)) {
                usesWasi = true;
            } else {
                throw new ModuleLoadException("Runnable " + name + " imports " + imp.module() + "." + imp.name()
                        + ", which is not provided (only env and " + WASI_MODULE + " are)");
            }
        }
        MemoryLimits limits = clampMemory(name, module, options.limits().maxMemoryPages());
        return new Checked(module, exports, abi, envNames, usesWasi, limits);
    }

    private static AbiVersion chooseAbi(ModuleOptions options, List<FunctionImport> imports, Set<String> exports) {
        if (exports.contains(AbiVersion.B_MARKER_EXPORT)) {
            LOG.info("Runnable {} uses Runnable ABI B (it exports {})", options.name(), AbiVersion.B_MARKER_EXPORT);
            return AbiVersion.B;
        }
        boolean needsB = imports.stream()
                .anyMatch(i -> i.module().equals(EnvImports.MODULE) && EnvImports.isOnlyB(i.name()));
        AbiVersion abi = needsB ? AbiVersion.B : options.abi();
        if (needsB && options.abi() != AbiVersion.B) {
            LOG.info("Runnable {} uses Runnable ABI B (it imports functions only ABI B provides)", options.name());
        } else {
            LOG.info("Runnable {} uses Runnable ABI {}", options.name(), abi);
        }
        return abi;
    }

    private static void checkNonFunctionImports(String name, WasmModule module) {
        module.importSection().stream().filter(i -> i.importType() != ExternalType.FUNCTION).findFirst()
                .ifPresent(i -> {
                    throw new ModuleLoadException("Runnable " + name + " imports " + i.importType()
                            .name().toLowerCase(java.util.Locale.ROOT) + " " + i.module() + "." + i.name()
                            + ", which is not provided");
                });
    }

    private static MemoryLimits clampMemory(String name, WasmModule module, int capPages) {
        MemoryLimits declared = module.memorySection().filter(s -> s.memoryCount() > 0)
                .map(s -> s.getMemory(0).limits()).orElseThrow(() ->
                        new ModuleLoadException("Runnable " + name + " defines no memory"));
        if (declared.initialPages() > capPages) {
            throw new ModuleLoadException("Runnable " + name + " needs " + declared.initialPages()
                    + " memory pages at start, more than the cap of " + capPages + " pages");
        }
        return new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), capPages));
    }

    private static Set<String> exportNames(WasmModule module) {
        Set<String> names = new HashSet<>();
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            names.add(section.getExport(i).name());
        }
        return Set.copyOf(names);
    }
}
