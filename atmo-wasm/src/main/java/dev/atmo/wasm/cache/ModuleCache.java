package dev.atmo.wasm.cache;

import dev.atmo.wasm.error.ModuleCacheException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of compiled modules, so that a start skips compiling what an earlier start compiled.
 *
 * <p>Entries are JVM class bytes that get loaded into the server, so the directory must belong to the user
 * running the server and be writable by nobody else ({@link #open} refuses it otherwise). Each entry stores the
 * SHA-256 of its key and content; an entry that is damaged or truncated reads as absent and is written again.
 * Writes go to a temporary file in the directory that is then renamed into place, so a reader or a concurrent
 * writer (another thread or another server sharing the directory) never sees half an entry. Apart from
 * {@link #open}, nothing here throws: a file system problem is logged and counts as a miss.
 */
public final class ModuleCache {
    /** Version of the entry layout; part of every entry's header. */
    public static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ModuleCache.class);
    private static final byte[] MAGIC = ("atmo-module-cache " + FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final String SUFFIX = ".bin";

    private final Path directory;

    private ModuleCache(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens (creating it with mode 700 if missing) a cache directory.
     *
     * @throws ModuleCacheException when the directory belongs to another user, is writable by its group or by
     *                              others, is not a directory, or cannot be created
     */
    public static ModuleCache open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (!Files.exists(dir)) {
                create(dir);
            }
            checkSafe(dir);
        } catch (UnsupportedOperationException e) {
            throw new ModuleCacheException("module cache " + dir + " is on a file system without POSIX owners and "
                    + "permissions, which the cache needs to keep others from planting code; choose another directory", e);
        } catch (IOException e) {
            throw new ModuleCacheException("module cache " + dir + " cannot be used: " + e, e);
        }
        return new ModuleCache(dir);
    }

    private static void create(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // another server created it meanwhile; checkSafe decides whether it is usable
        }
    }

    private static void checkSafe(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        if (!attributes.isDirectory()) {
            throw new ModuleCacheException("module cache " + dir + " is not a directory");
        }
        if (!ownedByThisUser(dir, attributes)) {
            throw new ModuleCacheException("module cache " + dir + " belongs to " + attributes.owner().getName()
                    + ", not to the user running atmo; its entries are loaded as code, so use a directory of your own");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new ModuleCacheException("module cache " + dir + " is writable by its group or by others (mode "
                    + PosixFilePermissions.toString(permissions) + "); its entries are loaded as code, so run "
                    + "'chmod go-w " + dir + "' or use another directory");
        }
    }

    private static boolean ownedByThisUser(Path dir, PosixFileAttributes attributes) throws IOException {
        OptionalInt uid = currentUid();
        if (uid.isPresent()) {
            return ((Integer) Files.getAttribute(dir, "unix:uid")) == uid.getAsInt();
        }
        return attributes.owner().getName().equals(System.getProperty("user.name"));
    }

    /** The effective user id, read from the owner of {@code /proc/self} where there is one. */
    private static OptionalInt currentUid() {
        try {
            return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    public Path directory() {
        return directory;
    }

    /** Whether an entry is stored under {@code key} (it may still turn out damaged when read). */
    public boolean contains(String key) {
        return Files.isRegularFile(file(key), LinkOption.NOFOLLOW_LINKS);
    }

    /** The stored content for {@code key}; empty when there is none or it is damaged (logged as a warning). */
    public Optional<byte[]> read(String key) {
        Path file = file(key);
        byte[] stored;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            stored = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("module cache entry {} cannot be read ({}); compiling instead", file, e.toString());
            return Optional.empty();
        }
        Optional<byte[]> content = decode(key, stored);
        if (content.isEmpty()) {
            LOG.warn("module cache entry {} is damaged or truncated; compiling instead and replacing it", file);
        }
        return content;
    }

    /** Stores {@code content} under {@code key}, replacing any entry there; a failure is logged, not thrown. */
    public void write(String key, byte[] content) {
        Path target = file(key);
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, ".tmp-", ".part");
            Files.write(temp, encode(key, content));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("module cache {} cannot rename files atomically; nothing is cached", directory);
        } catch (IOException e) {
            LOG.warn("module cache entry {} cannot be written ({}); the next start compiles again", target, e.toString());
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Removes the entry for {@code key}, if any. */
    public void remove(String key) {
        deleteQuietly(file(key));
    }

    Path file(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("module cache key must be 1 to 200 letters, digits, '.', '_' or '-' "
                    + "starting with a letter or digit: " + key);
        }
        return directory.resolve(key + SUFFIX);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("module cache file {} cannot be removed: {}", file, e.toString());
        }
    }

    /** magic, key length, key, content length, SHA-256 of key and content, content. */
    static byte[] encode(String key, byte[] content) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + keyBytes.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(keyBytes.length);
            out.write(keyBytes);
            out.writeInt(content.length);
            out.write(digest(keyBytes, content));
            out.write(content);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Optional<byte[]> decode(String key, byte[] stored) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(stored);
        int header = MAGIC.length + 4 + keyBytes.length + 4 + DIGEST_BYTES;
        if (stored.length < header || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        in.position(MAGIC.length);
        if (in.getInt() != keyBytes.length
                || !Arrays.equals(stored, in.position(), in.position() + keyBytes.length, keyBytes, 0, keyBytes.length)) {
            return Optional.empty();
        }
        in.position(in.position() + keyBytes.length);
        int length = in.getInt();
        if (length != stored.length - header) {
            return Optional.empty();
        }
        byte[] expected = new byte[DIGEST_BYTES];
        in.get(expected);
        byte[] content = Arrays.copyOfRange(stored, header, stored.length);
        return MessageDigest.isEqual(expected, digest(keyBytes, content)) ? Optional.of(content) : Optional.empty();
    }

    private static byte[] digest(byte[] keyBytes, byte[] content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(keyBytes);
            sha.update(content);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
