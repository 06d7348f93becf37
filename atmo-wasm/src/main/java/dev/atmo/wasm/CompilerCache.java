package dev.atmo.wasm;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import dev.atmo.wasm.cache.ModuleCache;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chicory's compiler cache, kept in a {@link ModuleCache}. Chicory asks for entries by the module's digest
 * ({@code sha-256:<base64>}); the entry key adds the Chicory version and the compile profile, so an entry is only
 * ever read by the compiler, with the options, that wrote it. One instance serves one compilation and remembers
 * whether it answered from the cache. Never throws: any failure is a miss.
 */
final class CompilerCache implements Cache {
    /** Bump when the options {@link RunnableModule} compiles with, or the entry content, change. */
    static final int PROFILE = 1;
    static final String CHICORY_VERSION = chicoryVersion();
    private static final String SHA_256 = "sha-256:";
    private static final Logger LOG = LoggerFactory.getLogger(CompilerCache.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final ModuleCache cache;
    private boolean hit;

    CompilerCache(ModuleCache cache) {
        this.cache = cache;
    }

    @Override
    public byte[] get(String digest) {
        hit = false;
        Optional<String> key = key(digest);
        if (key.isEmpty() && !WARNED.getAndSet(true)) {
            LOG.warn("modules are not cached: Chicory's module digest is not SHA-256 or its version is unknown");
        }
        Optional<byte[]> found = key.flatMap(cache::read);
        hit = found.isPresent();
        return found.orElse(null);
    }

    @Override
    public void putIfAbsent(String digest, byte[] compiled) {
        key(digest).ifPresent(key -> cache.write(key, compiled));
    }

    /** Whether the cache holds an entry for the module with this digest. */
    static boolean holds(ModuleCache cache, String digest) {
        return key(digest).map(cache::contains).orElse(false);
    }

    /** True when the last {@link #get} was answered from the cache. */
    boolean hit() {
        return hit;
    }

    /** Drops the entry of a module whose cached code could not be loaded. */
    void forget(String digest) {
        key(digest).ifPresent(cache::remove);
        hit = false;
    }

    /**
     * {@code sha256-<hex>-chicory-<version>-profile-<n>}; empty (nothing cached) for a digest that is not SHA-256
     * (Chicory's digest algorithm is configurable) or when the Chicory version is unknown.
     */
    static Optional<String> key(String digest) {
        if (digest == null || !digest.startsWith(SHA_256) || CHICORY_VERSION.isEmpty()) {
            return Optional.empty();
        }
        byte[] sha;
        try {
            sha = Base64.getDecoder().decode(digest.substring(SHA_256.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (sha.length != 32) {
            return Optional.empty();
        }
        return Optional.of("sha256-" + HexFormat.of().formatHex(sha) + "-chicory-" + CHICORY_VERSION
                + "-profile-" + PROFILE);
    }

    /** The version of the Chicory compiler on the class path, from its Maven metadata; empty if unknown. */
    private static String chicoryVersion() {
        try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            if (in == null) {
                return "";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "").replaceAll("[^A-Za-z0-9.]", "_");
        } catch (IOException e) {
            return "";
        }
    }
}
