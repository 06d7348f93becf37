package dev.atmo.wasm.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.atmo.wasm.error.HostMemoryException;
import java.nio.charset.StandardCharsets;

/** Bounds-checked access to a guest's linear memory; pointers and lengths are unsigned i32. */
final class GuestMemory {
    private final Memory memory;
    private final String importName;

    GuestMemory(Memory memory, String importName) {
        this.memory = memory;
        this.importName = importName;
    }

    byte[] read(long pointer, long length) {
        long ptr = pointer & 0xFFFFFFFFL;
        long len = length & 0xFFFFFFFFL;
        check(ptr, len);
        return memory.readBytes((int) ptr, (int) len);
    }

    String readString(long pointer, long length) {
        return new String(read(pointer, length), StandardCharsets.UTF_8);
    }

    void write(long pointer, byte[] data) {
        long ptr = pointer & 0xFFFFFFFFL;
        check(ptr, data.length);
        memory.write((int) ptr, data);
    }

    private void check(long ptr, long len) {
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        if (ptr + len > size) {
            throw new HostMemoryException(importName, ptr, len, size);
        }
    }
}
