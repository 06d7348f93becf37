package dev.atmo.wasm.abi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.atmo.wasm.error.ModuleLoadException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code env} module both ABI generations import, and the {@code _swift} twin of each import
 * (two extra ignored i32 after the ident). Only what a module imports is provided.
 */
public final class EnvImports {
    public static final String MODULE = "env";
    private static final String SWIFT_SUFFIX = "_swift";
    private static final Logger LOG = LoggerFactory.getLogger(EnvImports.class);
    private static final Map<String, ImportSpec> SPECS = Stream.of(
            ImportSpec.voidCall("return_result", 3, ResultImports::returnResult),
            ImportSpec.voidCall("return_error", 4, ResultImports::returnError),
            ImportSpec.returning("get_ffi_result", 2, FfiImports::getFfiResult),
            ImportSpec.returning("add_ffi_var", 5, FfiImports::addFfiVar).from(AbiVersion.B),
            ImportSpec.returning("fetch_url", 6, HttpImport::fetchUrl).waitingOutside(),
            ImportSpec.returning("graphql_query", 5, GraphQlImport::graphqlQuery).waitingOutside(),
            ImportSpec.returning("cache_set", 6, CacheImports::cacheSet).waitingOutside(),
            ImportSpec.returning("cache_get", 3, CacheImports::cacheGet).waitingOutside(),
            ImportSpec.voidCall("log_msg", 4, LogImport::logMsg),
            ImportSpec.returning("request_get_field", 4, RequestImports::getField),
            ImportSpec.returning("request_set_field", 6, RequestImports::setField).from(AbiVersion.B),
            ImportSpec.voidCall("resp_set_header", 5, RequestImports::respSetHeader),
            ImportSpec.returning("get_static_file", 3, StaticFileImport::getStaticFile).waitingOutside(),
            ImportSpec.returning("db_exec", 4, DatabaseImport::dbExec).from(AbiVersion.B).waitingOutside(),
            ImportSpec.voidCall("return_abort", 7, ResultImports::returnAbort))
            .collect(Collectors.toUnmodifiableMap(ImportSpec::name, Function.identity()));

    private EnvImports() {
    }

    /** Every import name provided for a generation, twins included. */
    public static List<String> names(AbiVersion abi) {
        List<String> names = new ArrayList<>();
        SPECS.values().stream().filter(s -> s.providedBy(abi)).forEach(s -> {
            names.add(s.name());
            names.add(s.name() + SWIFT_SUFFIX);
        });
        Collections.sort(names);
        return names;
    }

    /**
     * Checks one {@code env} import of a module against what the generation provides.
     *
     * @throws ModuleLoadException naming the import when it is unknown or its signature differs
     */
    public static void check(String runnable, String name, FunctionType type, AbiVersion abi) {
        Optional<ImportSpec> spec = lookup(name);
        if (spec.isEmpty() || !spec.get().providedBy(abi)) {
            throw new ModuleLoadException("Runnable " + runnable + " imports env." + name
                    + ", which the Runnable ABI " + abi + " does not provide");
        }
        FunctionType expected = typeOf(spec.get(), name.endsWith(SWIFT_SUFFIX));
        if (!expected.equals(type)) {
            throw new ModuleLoadException("Runnable " + runnable + " imports env." + name + " as " + type
                    + ", but the host provides " + expected);
        }
    }

    /** The host function for one import name, bound to an instance's invocation slot. */
    public static HostFunction bind(String name, InvocationSlot slot) {
        ImportSpec spec = lookup(name).orElseThrow(() -> new ModuleLoadException("no host function env." + name));
        boolean swift = name.endsWith(SWIFT_SUFFIX);
        int identIndex = spec.params() - 1;
        return new HostFunction(MODULE, name, typeOf(spec, swift), (Instance instance, long... args) -> {
            int ident = (int) args[identIndex];
            Optional<Invocation> invocation = slot.current().filter(inv -> inv.ident() == ident);
            if (invocation.isEmpty()) {
                LOG.warn("env.{} called with invalid identifier {}, potential malicious activity", name, ident);
                return spec.returnsValue() ? new long[] {-1} : null;
            }
            long[] callArgs = new long[identIndex];
            System.arraycopy(args, 0, callArgs, 0, identIndex);
            long result = spec.call().call(invocation.get(), new GuestMemory(instance.memory(), name), callArgs);
            return spec.returnsValue() ? new long[] {(int) result} : null;
        });
    }

    /**
     * Whether a host function waits on something outside the process or the bundle's memory: HTTP, GraphQL,
     * the cache, the database, static files.
     */
    public static boolean waitsOnTheOutside(String name) {
        return lookup(name).map(ImportSpec::waitsOutside).orElse(false);
    }

    /** True when the import exists only in ABI B, which makes a module B whatever it is configured as. */
    public static boolean isOnlyB(String name) {
        return lookup(name).map(spec -> !spec.providedBy(AbiVersion.A)).orElse(false);
    }

    private static Optional<ImportSpec> lookup(String name) {
        String base = name.endsWith(SWIFT_SUFFIX) ? name.substring(0, name.length() - SWIFT_SUFFIX.length()) : name;
        return Optional.ofNullable(SPECS.get(base));
    }

    private static FunctionType typeOf(ImportSpec spec, boolean swift) {
        int count = spec.params() + (swift ? 2 : 0);
        List<ValType> params = Collections.nCopies(count, ValType.I32);
        return FunctionType.of(params, spec.returnsValue() ? List.of(ValType.I32) : List.of());
    }
}
