package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The flat memory reads, writes, grows and traps exactly as Chicory's paged memory does. */
class FlatMemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    private static Memory[] both(int initial, int maximum) {
        return new Memory[] {new FlatMemory(new MemoryLimits(initial, maximum)),
                new ByteArrayMemory(new MemoryLimits(initial, maximum))};
    }

    @Test
    void loadsAndStoresAreLittleEndianAndAgreeWithChicorysMemory() {
        for (Memory memory : both(2, 4)) {
            memory.writeI32(PAGE - 2, 0x11223344); // across the first page boundary
            memory.writeLong(100, 0x0102030405060708L);
            memory.writeShort(200, (short) 0xBEEF);
            memory.writeF32(300, 1.5f);
            memory.writeF64(400, -2.25);
            memory.writeByte(500, (byte) 0x7F);
            assertThat(memory.readInt(PAGE - 2)).isEqualTo(0x11223344);
            assertThat(memory.read(PAGE - 2)).isEqualTo((byte) 0x44);
            assertThat(memory.read(PAGE + 1)).isEqualTo((byte) 0x11);
            assertThat(memory.readLong(100)).isEqualTo(0x0102030405060708L);
            assertThat(memory.read(100)).isEqualTo((byte) 0x08);
            assertThat(memory.readShort(200)).isEqualTo((short) 0xBEEF);
            assertThat(memory.readU16(200)).isEqualTo(0xBEEFL);
            assertThat(memory.readFloat(300)).isEqualTo(1.5f);
            assertThat(memory.readF32(300)).isEqualTo(Float.floatToRawIntBits(1.5f));
            assertThat(memory.readDouble(400)).isEqualTo(-2.25);
            assertThat(memory.readF64(400)).isEqualTo(Double.doubleToRawLongBits(-2.25));
            assertThat(memory.readU8(500)).isEqualTo(0x7F);
        }
    }

    @Test
    void anAccessPastTheEndTrapsNamingAddressLimitAndSize() {
        for (Memory memory : both(1, 2)) {
            memory.writeI32(PAGE - 4, 7);
            assertThat(memory.readInt(PAGE - 4)).isEqualTo(7);
            assertThatThrownBy(() -> memory.readInt(PAGE - 3)).isInstanceOf(WasmRuntimeException.class)
                    .hasMessageStartingWith("out of bounds memory access");
            assertThatThrownBy(() -> memory.writeLong(PAGE - 7, 1)).isInstanceOf(WasmRuntimeException.class);
            assertThatThrownBy(() -> memory.read(PAGE)).isInstanceOf(WasmRuntimeException.class);
            assertThatThrownBy(() -> memory.readBytes(PAGE - 1, 2)).isInstanceOf(WasmRuntimeException.class);
            assertThatThrownBy(() -> memory.fill((byte) 1, PAGE - 1, PAGE + 1))
                    .isInstanceOf(WasmRuntimeException.class);
            assertThatThrownBy(() -> memory.copy(0, PAGE - 1, 2)).isInstanceOf(WasmRuntimeException.class);
            assertThatThrownBy(() -> memory.write(PAGE - 1, new byte[2], 0, 2))
                    .isInstanceOf(WasmRuntimeException.class);
            // a failed bulk operation changes nothing
            assertThat(memory.read(PAGE - 1)).isEqualTo((byte) 0);
        }
        assertThatThrownBy(() -> new FlatMemory(new MemoryLimits(1, 2)).readInt(PAGE - 3))
                .hasMessage("out of bounds memory access: attempted to access address: 65533 but limit is: 65536 "
                        + "and size: 4");
    }

    @Test
    void growingKeepsTheContentsAndStopsAtTheMaximum() {
        for (Memory memory : both(1, 3)) {
            memory.writeString(10, "kept", StandardCharsets.UTF_8);
            assertThat(memory.grow(0)).isEqualTo(1);
            assertThat(memory.grow(1)).isEqualTo(1);
            assertThat(memory.pages()).isEqualTo(2);
            memory.writeI32(2 * PAGE - 4, 42);
            assertThat(memory.grow(2)).isEqualTo(-1);
            assertThat(memory.grow(1)).isEqualTo(2);
            assertThat(memory.pages()).isEqualTo(3);
            assertThat(memory.readString(10, 4, StandardCharsets.UTF_8)).isEqualTo("kept");
            assertThat(memory.readInt(2 * PAGE - 4)).isEqualTo(42);
            assertThat(memory.readInt(3 * PAGE - 4)).isZero();
            assertThat(memory.grow(1)).isEqualTo(-1);
        }
    }

    @Test
    void overlappingCopiesAndFillsMoveBytesAsTheSpecificationSays() {
        for (Memory memory : both(1, 1)) {
            memory.write(0, "abcdefgh".getBytes(StandardCharsets.US_ASCII));
            memory.copy(2, 0, 6);
            assertThat(memory.readString(0, 8, StandardCharsets.US_ASCII)).isEqualTo("ababcdef");
            memory.copy(0, 2, 6);
            assertThat(memory.readString(0, 8, StandardCharsets.US_ASCII)).isEqualTo("abcdefef");
            memory.fill((byte) 'z', 1, 3);
            assertThat(memory.readString(0, 8, StandardCharsets.US_ASCII)).isEqualTo("azzdefef");
            memory.copy(PAGE, 0, 0); // zero bytes at the very end is allowed
            memory.zero();
            assertThat(memory.readBytes(0, 8)).containsOnly(0);
        }
    }

    @Test
    void atomicsWorkOnAnUnsharedMemoryAndWaitingIsRefused() {
        Memory memory = new FlatMemory(new MemoryLimits(1, 1));
        assertThat(memory.atomicAddInt(8, 5)).isZero();
        assertThat(memory.atomicCmpxchgInt(8, 5, 9)).isEqualTo(5);
        assertThat(memory.atomicReadInt(8)).isEqualTo(9);
        assertThat(memory.atomicNotify(8, 1)).isZero();
        assertThatThrownBy(() -> memory.waitOn(8, 9, 0)).isInstanceOf(ChicoryException.class);
        assertThatThrownBy(() -> new FlatMemory(new MemoryLimits(1, 1, true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FlatMemory.forLimits(new MemoryLimits(1, 1, true))).isInstanceOf(ByteArrayMemory.class);
        assertThat(FlatMemory.forLimits(new MemoryLimits(1, 1))).isInstanceOf(FlatMemory.class);
    }
}
