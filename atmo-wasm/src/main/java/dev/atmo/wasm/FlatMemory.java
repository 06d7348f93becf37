package dev.atmo.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A Runnable's linear memory as one {@code byte[]}: a load or store is one bounds-checked array access.
 *
 * <p>Chicory's own memories keep 64 KiB pages in an array of arrays, which costs every access a second array load,
 * a second bounds check and a test for an access that straddles two pages; in compute-heavy guests those accesses
 * are a quarter of the time. Here growing copies the memory into a larger array instead, which guests do rarely
 * (their allocators grow in steps) and which costs one copy at memory speed. Only for memories that are not shared
 * between threads: the instance factory keeps Chicory's memory for shared ones, whose atomics wait and notify.
 */
final class FlatMemory implements Memory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryLimits limits;
    private byte[] bytes;
    private DataSegment[] dataSegments = new DataSegment[0];

    /** @throws IllegalArgumentException for a shared memory, which this class does not implement */
    FlatMemory(MemoryLimits limits) {
        if (limits.shared()) {
            throw new IllegalArgumentException("a shared memory needs Chicory's own memory");
        }
        this.limits = limits;
        this.bytes = new byte[Memory.bytes(limits.initialPages())];
    }

    /** The memory for an instance: this class for plain memories, Chicory's for shared ones. */
    static Memory forLimits(MemoryLimits limits) {
        return limits.shared() ? new ByteArrayMemory(limits) : new FlatMemory(limits);
    }

    @Override
    public int pages() {
        return bytes.length / PAGE_SIZE;
    }

    @Override
    public int grow(int more) {
        int before = pages();
        int after = before + more;
        if (more < 0 || after > maximumPages() || after < before) {
            return -1;
        }
        if (more > 0) {
            bytes = Arrays.copyOf(bytes, Memory.bytes(after));
        }
        return before;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    }

    @Override
    public boolean shared() {
        return false;
    }

    /** Atomic operations on an unshared memory only need to exclude each other: one monitor for all. */
    @Override
    public Object lock(int address) {
        return this;
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    public int notify(int address, int count) {
        return 0;
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        initialize(instance, segments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
        if (segments == null) {
            return;
        }
        dataSegments = segments;
        for (DataSegment segment : segments) {
            if (segment instanceof ActiveDataSegment active) {
                if (active.index() != memoryIndex) {
                    continue;
                }
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                byte[] data = active.data();
                check(offset, data.length, bytes.length, UninstantiableException::new);
                System.arraycopy(data, 0, bytes, offset, data.length);
            } else if (!(segment instanceof PassiveDataSegment)) {
                throw new ChicoryException("Data segment should be active or passive: " + segment);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segment, int destination, int offset, int size) {
        write(destination, dataSegments[segment].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int address, byte[] data, int offset, int size) {
        check(offset, size, data.length, WasmRuntimeException::new);
        check(address, size, bytes.length, WasmRuntimeException::new);
        System.arraycopy(data, offset, bytes, address, size);
    }

    @Override
    public byte read(int address) {
        try {
            return bytes[address];
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 1);
        }
    }

    @Override
    public byte[] readBytes(int address, int size) {
        check(address, size, bytes.length, WasmRuntimeException::new);
        return Arrays.copyOfRange(bytes, address, address + size);
    }

    @Override
    public void writeI32(int address, int value) {
        try {
            INT.set(bytes, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4);
        }
    }

    @Override
    public int readInt(int address) {
        try {
            return (int) INT.get(bytes, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4);
        }
    }

    @Override
    public void writeLong(int address, long value) {
        try {
            LONG.set(bytes, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8);
        }
    }

    @Override
    public long readLong(int address) {
        try {
            return (long) LONG.get(bytes, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8);
        }
    }

    @Override
    public void writeShort(int address, short value) {
        try {
            SHORT.set(bytes, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 2);
        }
    }

    @Override
    public short readShort(int address) {
        try {
            return (short) SHORT.get(bytes, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 2);
        }
    }

    @Override
    public long readU16(int address) {
        return readShort(address) & 0xFFFFL;
    }

    @Override
    public void writeByte(int address, byte value) {
        try {
            bytes[address] = value;
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 1);
        }
    }

    @Override
    public void writeF32(int address, float value) {
        try {
            FLOAT.set(bytes, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4);
        }
    }

    @Override
    public long readF32(int address) {
        return readInt(address);
    }

    @Override
    public float readFloat(int address) {
        try {
            return (float) FLOAT.get(bytes, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4);
        }
    }

    @Override
    public void writeF64(int address, double value) {
        try {
            DOUBLE.set(bytes, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8);
        }
    }

    @Override
    public double readDouble(int address) {
        try {
            return (double) DOUBLE.get(bytes, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8);
        }
    }

    @Override
    public long readF64(int address) {
        return readLong(address);
    }

    @Override
    public void zero() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public void fill(byte value, int from, int to) {
        check(from, to - from, bytes.length, WasmRuntimeException::new);
        Arrays.fill(bytes, from, to, value);
    }

    /** {@code memory.copy}: overlapping ranges are copied as if through a buffer, as System.arraycopy does. */
    @Override
    public void copy(int destination, int source, int size) {
        check(destination, size, bytes.length, WasmRuntimeException::new);
        check(source, size, bytes.length, WasmRuntimeException::new);
        System.arraycopy(bytes, source, bytes, destination, size);
    }

    private RuntimeException outOfBounds(int address, int size) {
        return new WasmRuntimeException(message(address, bytes.length, size));
    }

    private static String message(int address, int limit, int size) {
        return "out of bounds memory access: attempted to access address: " + address + " but limit is: " + limit
                + " and size: " + size;
    }

    /** Traps unless {@code [start, start + size)} lies within {@code [0, limit)}. */
    private static void check(int start, int size, int limit, Function<String, ? extends ChicoryException> trap) {
        if (start < 0 || size < 0 || start > limit || (size > 0 && start + size > limit) || start + size < 0) {
            throw trap.apply(message(start, limit, size));
        }
    }
}
