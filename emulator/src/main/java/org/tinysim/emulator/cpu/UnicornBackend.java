package org.tinysim.emulator.cpu;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.tinysim.emulator.cycles.BlockCost;
import org.tinysim.emulator.unicorn.internal.HookLib;
import org.tinysim.emulator.unicorn.internal.UnicornDirect;
import org.tinysim.emulator.unicorn.internal.UnicornLib;

/**
 * {@link CpuBackend} over Unicorn 2 (Debian's libunicorn2) through JNA.
 *
 * <p>Measured facts this class depends on (Unicorn 2.0.1): UC_MODE_MCLASS silently picks a
 * Cortex-M33, so the engine is opened in THUMB mode and the M7 model is selected with uc_ctl and
 * read back. Every callback handed to native code is kept in a field: a callback collected by the
 * GC while Unicorn still holds it would crash the JVM.
 */
public final class UnicornBackend implements CpuBackend {
  private static final UnicornLib UC = UnicornLib.INSTANCE;

  private Pointer engine;
  private final Memory scratch = new Memory(8);
  private final List<Object> pinnedCallbacks = new ArrayList<>();
  private final List<HostMemory> mappedMemory = new ArrayList<>();
  private CycleCounter counter;
  private Memory counterState;

  public UnicornBackend() {
    PointerByReference ref = new PointerByReference();
    check(UC.uc_open(UnicornLib.UC_ARCH_ARM, UnicornLib.UC_MODE_THUMB, ref), "uc_open");
    engine = ref.getValue();
    check(
        UC.uc_ctl(engine, UnicornLib.UC_CTL_CPU_MODEL_WRITE, UnicornLib.UC_CPU_ARM_CORTEX_M7),
        "select the Cortex-M7 model");
    IntByReference model = new IntByReference(-1);
    check(UC.uc_ctl(engine, UnicornLib.UC_CTL_CPU_MODEL_READ, model), "read back the CPU model");
    if (model.getValue() != UnicornLib.UC_CPU_ARM_CORTEX_M7) {
      close();
      throw new IllegalStateException(
          "Unicorn instantiated CPU model "
              + model.getValue()
              + " instead of Cortex-M7 ("
              + UnicornLib.UC_CPU_ARM_CORTEX_M7
              + ")");
    }
  }

  /** Unicorn's version as "major.minor". */
  public static String engineVersion() {
    Memory major = new Memory(4);
    Memory minor = new Memory(4);
    UC.uc_version(major, minor);
    return major.getInt(0) + "." + minor.getInt(0);
  }

  @Override
  public String cpuModel() {
    IntByReference model = new IntByReference(-1);
    check(UC.uc_ctl(engine(), UnicornLib.UC_CTL_CPU_MODEL_READ, model), "read the CPU model");
    return model.getValue() == UnicornLib.UC_CPU_ARM_CORTEX_M7
        ? "cortex-m7"
        : "unicorn-cpu-" + model.getValue();
  }

  @Override
  public int readRegister(CoreRegister register) {
    scratch.setLong(0, 0);
    check(UnicornDirect.uc_reg_read(engine(), register.unicornId(), scratch), "read " + register);
    return scratch.getInt(0);
  }

  @Override
  public void writeRegister(CoreRegister register, int value) {
    scratch.setLong(0, Integer.toUnsignedLong(value));
    check(UnicornDirect.uc_reg_write(engine(), register.unicornId(), scratch), "write " + register);
  }

  @Override
  public void mapMemory(long address, HostMemory memory, EnumSet<Access> access) {
    int perms = 0;
    if (access.contains(Access.READ)) perms |= UnicornLib.UC_PROT_READ;
    if (access.contains(Access.WRITE)) perms |= UnicornLib.UC_PROT_WRITE;
    if (access.contains(Access.EXECUTE)) perms |= UnicornLib.UC_PROT_EXEC;
    check(
        UC.uc_mem_map_ptr(engine(), address, memory.size(), perms, memory.pointer()),
        String.format("map %d bytes at 0x%08X", memory.size(), address));
    mappedMemory.add(memory);
  }

  @Override
  public void mapDevicePages(long address, long size, MmioHandler handler) {
    UnicornLib.MmioReadCallback read =
        (uc, offset, width, data) -> handler.read(address + offset, width);
    UnicornLib.MmioWriteCallback write =
        (uc, offset, width, value, data) -> handler.write(address + offset, width, value);
    pinnedCallbacks.add(read);
    pinnedCallbacks.add(write);
    String what = String.format("map device pages at 0x%08X (+0x%X)", address, size);
    if (counter != null) { // reads of registers the counter serves never reach Java
      check(
          HookLib.INSTANCE.tinysim_hook_map_mmio(
              engine(), counter.handle(), address, size, read, write),
          what);
    } else {
      check(UC.uc_mmio_map(engine(), address, size, read, null, write, null), what);
    }
  }

  @Override
  public byte[] readMemory(long address, int length) {
    byte[] data = new byte[length];
    check(
        UnicornDirect.uc_mem_read(engine(), address, data, length),
        String.format("read %d bytes at 0x%08X", length, address));
    return data;
  }

  @Override
  public void writeMemory(long address, byte[] data) {
    check(
        UnicornDirect.uc_mem_write(engine(), address, data, data.length),
        String.format("write %d bytes at 0x%08X", data.length, address));
  }

  @Override
  public void setEventHandlers(CpuEvents events) {
    UnicornLib.InterruptCallback interrupt = (uc, intno, data) -> events.onInterrupt(intno);
    UnicornLib.InvalidMemoryCallback invalid =
        (uc, type, address, size, value, data) ->
            events.onInvalidAccess(
                kindOf(type), Integer.toUnsignedLong((int) address), size, value);
    pinnedCallbacks.add(interrupt);
    pinnedCallbacks.add(invalid);
    LongByReference hook = new LongByReference();
    check(
        UC.uc_hook_add(engine(), hook, UnicornLib.UC_HOOK_INTR, interrupt, null, 1, 0),
        "add interrupt hook");
    check(
        UC.uc_hook_add(engine(), hook, UnicornLib.UC_HOOK_MEM_INVALID, invalid, null, 1, 0),
        "add memory fault hook");
  }

  private static MemoryAccessKind kindOf(int type) {
    return switch (type) {
      case UnicornLib.UC_MEM_READ_UNMAPPED -> MemoryAccessKind.READ_UNMAPPED;
      case UnicornLib.UC_MEM_WRITE_UNMAPPED -> MemoryAccessKind.WRITE_UNMAPPED;
      case UnicornLib.UC_MEM_FETCH_UNMAPPED -> MemoryAccessKind.FETCH_UNMAPPED;
      case UnicornLib.UC_MEM_WRITE_PROT -> MemoryAccessKind.WRITE_PROTECTED;
      case UnicornLib.UC_MEM_READ_PROT -> MemoryAccessKind.READ_PROTECTED;
      default -> MemoryAccessKind.FETCH_PROTECTED;
    };
  }

  @Override
  public CycleCounter attachCycleCounter(BlockCostSource costs) {
    if (counter != null) {
      throw new IllegalStateException("a cycle counter is already attached");
    }
    Pointer[] installed = new Pointer[1];
    HookLib.CostCallback callback =
        (address, size) -> {
          long packed = costs.packedCost(Integer.toUnsignedLong(address), size);
          BlockCost cost = costs.lastCost();
          if (cost != null) {
            HookLib.INSTANCE.tinysim_hook_set_data(
                installed[0], cost.dataProbe(), cost.dataFraction(), cost.tail(), cost.firstUses());
          }
          return packed;
        };
    pinnedCallbacks.add(callback);
    counterState = new Memory(CycleCounter.STATE_SIZE);
    counterState.clear();
    Pointer handle = HookLib.INSTANCE.tinysim_hook_install(engine(), counterState, callback);
    if (handle == null) {
      throw new IllegalStateException("could not install the native cycle hook");
    }
    installed[0] = handle;
    HookLib.AccessCallback accesses =
        (address, size) -> {
          BlockCost cost = costs.costOf(Integer.toUnsignedLong(address), size);
          int[] packed = cost == null ? new int[0] : cost.packedAccesses();
          HookLib.INSTANCE.tinysim_hook_set_accesses(handle, packed.length, packed);
        };
    pinnedCallbacks.add(accesses);
    HookLib.INSTANCE.tinysim_hook_set_access_fn(handle, accesses);
    counter = new CycleCounter(counterState, engine, handle);
    return counter;
  }

  @Override
  public EngineStatus run(int pc) {
    int code = UC.uc_emu_start(engine(), Integer.toUnsignedLong(pc | 1), 0xFFFFFFFEL, 0, 0);
    return new EngineStatus(code, code == 0 ? "ok" : UC.uc_strerror(code));
  }

  @Override
  public void stop() {
    UnicornDirect.uc_emu_stop(engine());
  }

  @Override
  public long addCodeHook(long address, java.util.function.LongConsumer beforeExecuting) {
    UnicornLib.CodeCallback callback =
        (uc, at, size, data) -> beforeExecuting.accept(Integer.toUnsignedLong((int) at));
    pinnedCallbacks.add(callback);
    LongByReference hook = new LongByReference();
    check(
        UC.uc_hook_add(engine(), hook, UnicornLib.UC_HOOK_CODE, callback, null, address, address),
        String.format("add code hook at 0x%08X", address));
    check(UC.uc_ctl(engine(), UnicornLib.UC_CTL_TB_FLUSH_WRITE), "flush translated code");
    return hook.getValue();
  }

  @Override
  public void removeCodeHook(long handle) {
    check(UC.uc_hook_del(engine(), handle), "remove code hook");
    check(UC.uc_ctl(engine(), UnicornLib.UC_CTL_TB_FLUSH_WRITE), "flush translated code");
  }

  @Override
  public void flushTranslations() {
    check(UC.uc_ctl(engine(), UnicornLib.UC_CTL_TB_FLUSH_WRITE), "flush translated code");
    if (counter != null) {
      counter.forgetCosts();
    }
  }

  @Override
  public void close() {
    if (engine != null) {
      if (counter != null) {
        counter.uninstall();
      }
      UC.uc_close(engine);
      engine = null;
      pinnedCallbacks.clear();
      mappedMemory.clear();
    }
  }

  /** The raw engine, for tests that check Unicorn's own behaviour. */
  Pointer enginePointerForTests() {
    return engine();
  }

  private Pointer engine() {
    if (engine == null) {
      throw new IllegalStateException("the emulator was closed");
    }
    return engine;
  }

  private static void check(int code, String what) {
    if (code != UnicornLib.UC_ERR_OK) {
      throw new IllegalStateException("Unicorn could not " + what + ": " + UC.uc_strerror(code));
    }
  }
}
