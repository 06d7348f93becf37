/**
 * The Wasm engine: runs Suborbital Runnables of both ABI generations on Chicory. Its requirements are the
 * boundary: it reads no HTTP, YAML or NATS, and the server reaches it only through the packages exported here.
 */
module dev.atmo.wasm {
    requires com.dylibso.chicory.compiler;
    // EnvImports binds and checks imports in Chicory's own types
    requires transitive com.dylibso.chicory.runtime;
    requires com.dylibso.chicory.wasi;
    requires com.fasterxml.jackson.databind;
    requires java.management;
    requires org.slf4j;

    exports dev.atmo.wasm;
    exports dev.atmo.wasm.abi;
    exports dev.atmo.wasm.cache;
    exports dev.atmo.wasm.error;
    exports dev.atmo.wasm.host;
}
