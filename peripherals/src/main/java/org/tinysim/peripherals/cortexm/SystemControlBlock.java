package org.tinysim.peripherals.cortexm;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.emulator.exceptions.ExceptionNumber;
import org.tinysim.emulator.exceptions.FaultStatusRegisters;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.Register;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * System control block (base 0xE000ED00, up to CPACR): identification, exception control and
 * priorities, fault status storage, cache identification and coprocessor access.
 */
public final class SystemControlBlock extends RegisterDevice implements FaultStatusRegisters {
  public static final long BASE = 0xE000ED00L;

  /** Cortex-M7 r0p1, the core revision of STM32F74x/75x silicon. */
  public static final long CPUID_M7_R0P1 = 0x410FC271L;

  /** Level 1 has separate instruction and data caches; LoUU = LoC = level 1. */
  static final long CLIDR_VALUE = 0x09000003L;

  /** ARMv7 format, 8-word lines on both sides. */
  static final long CTR_VALUE = 0x8303C003L;

  /** 4 KiB data cache: 4 ways x 32 sets x 32-byte lines, WT/WB/RA/WA supported. */
  static final long CCSIDR_DATA_4K = 0xF003E019L;

  /** 4 KiB instruction cache: 2 ways x 64 sets x 32-byte lines. */
  static final long CCSIDR_INSTRUCTION_4K = 0xF007E009L;

  private static final long AIRCR_WRITE_KEY = 0x05FA;
  private static final long CFSR_MMARVALID = 1L << 7;
  private static final long CFSR_BFARVALID = 1L << 15;
  private static final long AIRCR_RESET = 0xFA050000L;

  /** STKALIGN and branch prediction set, as on a Cortex-M7 out of reset. */
  private static final long CCR_RESET = 0x00040200L;

  enum Reg implements RegisterOffset {
    Cpuid(0x00),
    Icsr(0x04),
    Vtor(0x08),
    Aircr(0x0C),
    Scr(0x10),
    Ccr(0x14),
    Shpr1(0x18),
    Shpr2(0x1C),
    Shpr3(0x20),
    Shcsr(0x24),
    Cfsr(0x28),
    Hfsr(0x2C),
    Dfsr(0x30),
    Mmfar(0x34),
    Bfar(0x38),
    Afsr(0x3C),
    Clidr(0x78),
    Ctr(0x7C),
    Ccsidr(0x80),
    Csselr(0x84),
    Cpacr(0x88);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final ExceptionTable exceptions;
  private final List<Runnable> resetRequestListeners = new ArrayList<>();
  private final List<java.util.function.Consumer<Boolean>> unalignedTrapListeners =
      new ArrayList<>();
  private final List<Runnable> ccrWriteListeners = new ArrayList<>();
  private Field unalignedTrap;
  private Field divideByZeroTrap;
  private Field dataCacheEnable;
  private Field instructionCacheEnable;
  private Field cp10Access;
  private Field cp11Access;
  private Field configurableFaultStatus;
  private Field hardFaultStatus;
  private Field memManageFaultAddress;
  private Field busFaultAddress;
  private Field cacheLevel;
  private Field cacheInstructionSide;

  public SystemControlBlock(ExceptionTable exceptions) {
    super("SCB", 0x90);
    this.exceptions = exceptions;
    defineRegisters();
  }

  /** Called when firmware writes AIRCR.SYSRESETREQ with the right key. */
  public void addResetRequestListener(Runnable listener) {
    resetRequestListeners.add(listener);
  }

  /** Told CCR.UNALIGN_TRP after every CCR write (the core then traps every unaligned access). */
  public void addUnalignedTrapListener(java.util.function.Consumer<Boolean> listener) {
    unalignedTrapListeners.add(listener);
  }

  /** Told after every CCR write (the cycle model re-costs code when CCR.IC changes). */
  public void addCcrWriteListener(Runnable listener) {
    ccrWriteListeners.add(listener);
  }

  public boolean instructionCacheEnabled() {
    return instructionCacheEnable.isSet();
  }

  public boolean dataCacheEnabled() {
    return dataCacheEnable.isSet();
  }

  /** True once CP10 and CP11 both grant full access, i.e. the FPU may be used. */
  public boolean fpuEnabled() {
    return cp10Access.value() == 3 && cp11Access.value() == 3;
  }

  @Override
  public boolean divideByZeroTrap() {
    return divideByZeroTrap.isSet();
  }

  @Override
  public boolean faultEnabled(int exception) {
    return exceptions.isEnabled(exception);
  }

  /** Lets the core record a configurable fault's cause (CFSR bits, as the firmware reads them). */
  @Override
  public void recordFaultStatus(long cfsrBits) {
    configurableFaultStatus.set(configurableFaultStatus.value() | cfsrBits);
  }

  /** Records a precise bus fault address: BFAR plus CFSR.BFARVALID. */
  @Override
  public void recordBusFaultAddress(long address) {
    busFaultAddress.set(address);
    recordFaultStatus(CFSR_BFARVALID);
  }

  /** Records a MemManage fault address: MMFAR plus CFSR.MMARVALID. */
  @Override
  public void recordMemManageAddress(long address) {
    memManageFaultAddress.set(address);
    recordFaultStatus(CFSR_MMARVALID);
  }

  /** Records HardFault causes (HFSR bits, e.g. FORCED when a fault escalated). */
  @Override
  public void recordHardFaultStatus(long hfsrBits) {
    hardFaultStatus.set(hardFaultStatus.value() | hfsrBits);
  }

  private void defineRegisters() {
    registers.define(Reg.Cpuid).resetValue(CPUID_M7_R0P1).field("CPUID", 0, 32, Access.RO).build();
    defineIcsr();
    registers
        .define(Reg.Vtor)
        .field("TBLOFF", 7, 25, Access.RW)
        .readsAs(() -> exceptions.vectorTableBase() >>> 7)
        .onWrite(value -> exceptions.setVectorTableBase(value << 7))
        .build();
    defineAircr();
    registers
        .define(Reg.Scr)
        .flag("SLEEPONEXIT", 1, Access.RW)
        .flag("SLEEPDEEP", 2, Access.RW)
        .flag("SEVONPEND", 4, Access.RW)
        .build();
    registers
        .define(Reg.Ccr)
        .resetValue(CCR_RESET)
        .flag("NONBASETHRDENA", 0, Access.RW)
        .flag("USERSETMPEND", 1, Access.RW)
        .flag("UNALIGN_TRP", 3, Access.RW, f -> unalignedTrap = f)
        .flag("DIV_0_TRP", 4, Access.RW, f -> divideByZeroTrap = f)
        .flag("BFHFNMIGN", 8, Access.RW)
        .flag("STKALIGN", 9, Access.RO)
        .flag("DC", 16, Access.RW, f -> dataCacheEnable = f)
        .flag("IC", 17, Access.RW, f -> instructionCacheEnable = f)
        .flag("BP", 18, Access.RW)
        .afterWrite(
            value -> {
              unalignedTrapListeners.forEach(l -> l.accept(unalignedTrap.isSet()));
              ccrWriteListeners.forEach(Runnable::run);
            })
        .build();
    defineHandlerPriorities();
    defineShcsr();
    registers
        .define(Reg.Cfsr)
        .field("CFSR", 0, 32, Access.RW1C, f -> configurableFaultStatus = f)
        .build();
    registers.define(Reg.Hfsr).field("HFSR", 0, 32, Access.RW1C, f -> hardFaultStatus = f).build();
    registers.define(Reg.Dfsr).field("DFSR", 0, 5, Access.RW1C).build();
    registers
        .define(Reg.Mmfar)
        .field("ADDRESS", 0, 32, Access.RW, f -> memManageFaultAddress = f)
        .build();
    registers.define(Reg.Bfar).field("ADDRESS", 0, 32, Access.RW, f -> busFaultAddress = f).build();
    registers.define(Reg.Afsr).field("AFSR", 0, 32, Access.RW).build();
    defineCacheIdentification();
    registers
        .define(Reg.Cpacr)
        .field("CP10", 20, 2, Access.RW, f -> cp10Access = f)
        .field("CP11", 22, 2, Access.RW, f -> cp11Access = f)
        .build();
  }

  private void defineIcsr() {
    registers
        .define(Reg.Icsr)
        .field("VECTACTIVE", 0, 9, Access.RO)
        .readsAs(exceptions::currentActive)
        .flag("RETTOBASE", 11, Access.RO)
        .readsAs(() -> exceptions.activeCount() <= 1 ? 1 : 0)
        .field("VECTPENDING", 12, 9, Access.RO)
        .readsAs(exceptions::highestPending)
        .flag("ISRPENDING", 22, Access.RO)
        .readsAs(() -> exceptions.anyIrqPending() ? 1 : 0)
        .flag("PENDSTCLR", 25, Access.WO)
        .onWrite(bit -> whenSet(bit, () -> exceptions.clearPending(ExceptionNumber.SYS_TICK)))
        .flag("PENDSTSET", 26, Access.RW)
        .readsAs(() -> pendingBit(ExceptionNumber.SYS_TICK))
        .onWrite(bit -> whenSet(bit, () -> exceptions.setPending(ExceptionNumber.SYS_TICK)))
        .flag("PENDSVCLR", 27, Access.WO)
        .onWrite(bit -> whenSet(bit, () -> exceptions.clearPending(ExceptionNumber.PEND_SV)))
        .flag("PENDSVSET", 28, Access.RW)
        .readsAs(() -> pendingBit(ExceptionNumber.PEND_SV))
        .onWrite(bit -> whenSet(bit, () -> exceptions.setPending(ExceptionNumber.PEND_SV)))
        .flag("NMIPENDSET", 31, Access.RW)
        .readsAs(() -> pendingBit(ExceptionNumber.NMI))
        .onWrite(bit -> whenSet(bit, () -> exceptions.setPending(ExceptionNumber.NMI)))
        .build();
  }

  /** Writes without the 0x05FA key in VECTKEY are ignored entirely. */
  private void defineAircr() {
    registers
        .define(Reg.Aircr)
        .resetValue(AIRCR_RESET)
        .acceptWritesIf(value -> (value >>> 16) == AIRCR_WRITE_KEY)
        .tag("VECTRESET", 0, 1)
        .tag("VECTCLRACTIVE", 1, 1)
        .flag("SYSRESETREQ", 2, Access.WO)
        .onWrite(bit -> whenSet(bit, () -> resetRequestListeners.forEach(Runnable::run)))
        .field("PRIGROUP", 8, 3, Access.RW)
        .readsAs(exceptions::priorityGrouping)
        .onWrite(value -> exceptions.setPriorityGrouping((int) value))
        .flag("ENDIANNESS", 15, Access.RO)
        .field("VECTKEYSTAT", 16, 16, Access.RO)
        .build();
  }

  /** SHPR1..3 hold one byte per system exception 4..15; only the configurable ones exist. */
  private void defineHandlerPriorities() {
    Reg[] shpr = {Reg.Shpr1, Reg.Shpr2, Reg.Shpr3};
    for (int word = 0; word < shpr.length; word++) {
      Register.Builder builder = registers.define(shpr[word]);
      for (int lane = 0; lane < 4; lane++) {
        int exception = 4 + 4 * word + lane;
        if (hasConfigurablePriority(exception)) {
          builder
              .field("PRI_" + exception, 8 * lane + 4, 4, Access.RW)
              .readsAs(() -> exceptions.priorityOf(exception) >>> 4)
              .onWrite(value -> exceptions.setPriority(exception, (int) value << 4));
        }
      }
      builder.build();
    }
  }

  private static boolean hasConfigurablePriority(int exception) {
    return (exception >= ExceptionNumber.MEM_MANAGE && exception <= ExceptionNumber.USAGE_FAULT)
        || exception == ExceptionNumber.SV_CALL
        || exception == ExceptionNumber.DEBUG_MONITOR
        || exception == ExceptionNumber.PEND_SV
        || exception == ExceptionNumber.SYS_TICK;
  }

  /** Active and pended bits mirror the exception table; the fault enables drive it. */
  private void defineShcsr() {
    registers
        .define(Reg.Shcsr)
        .flag("MEMFAULTACT", 0, Access.RO)
        .readsAs(() -> activeBit(ExceptionNumber.MEM_MANAGE))
        .flag("BUSFAULTACT", 1, Access.RO)
        .readsAs(() -> activeBit(ExceptionNumber.BUS_FAULT))
        .flag("USGFAULTACT", 3, Access.RO)
        .readsAs(() -> activeBit(ExceptionNumber.USAGE_FAULT))
        .flag("SVCALLACT", 7, Access.RO)
        .readsAs(() -> activeBit(ExceptionNumber.SV_CALL))
        .flag("MONITORACT", 8, Access.RO)
        .readsAs(() -> activeBit(ExceptionNumber.DEBUG_MONITOR))
        .flag("PENDSVACT", 10, Access.RO)
        .readsAs(() -> activeBit(ExceptionNumber.PEND_SV))
        .flag("SYSTICKACT", 11, Access.RO)
        .readsAs(() -> activeBit(ExceptionNumber.SYS_TICK))
        .flag("USGFAULTPENDED", 12, Access.RO)
        .readsAs(() -> pendingBit(ExceptionNumber.USAGE_FAULT))
        .flag("MEMFAULTPENDED", 13, Access.RO)
        .readsAs(() -> pendingBit(ExceptionNumber.MEM_MANAGE))
        .flag("BUSFAULTPENDED", 14, Access.RO)
        .readsAs(() -> pendingBit(ExceptionNumber.BUS_FAULT))
        .flag("SVCALLPENDED", 15, Access.RO)
        .readsAs(() -> pendingBit(ExceptionNumber.SV_CALL))
        .flag("MEMFAULTENA", 16, Access.RW)
        .readsAs(() -> enabledBit(ExceptionNumber.MEM_MANAGE))
        .onWrite(bit -> exceptions.setEnabled(ExceptionNumber.MEM_MANAGE, bit != 0))
        .flag("BUSFAULTENA", 17, Access.RW)
        .readsAs(() -> enabledBit(ExceptionNumber.BUS_FAULT))
        .onWrite(bit -> exceptions.setEnabled(ExceptionNumber.BUS_FAULT, bit != 0))
        .flag("USGFAULTENA", 18, Access.RW)
        .readsAs(() -> enabledBit(ExceptionNumber.USAGE_FAULT))
        .onWrite(bit -> exceptions.setEnabled(ExceptionNumber.USAGE_FAULT, bit != 0))
        .build();
  }

  /** Fixed ID values so that the CMSIS set/way loops over the caches terminate. */
  private void defineCacheIdentification() {
    registers.define(Reg.Clidr).resetValue(CLIDR_VALUE).field("CLIDR", 0, 32, Access.RO).build();
    registers.define(Reg.Ctr).resetValue(CTR_VALUE).field("CTR", 0, 32, Access.RO).build();
    registers
        .define(Reg.Csselr)
        .flag("IND", 0, Access.RW, f -> cacheInstructionSide = f)
        .field("LEVEL", 1, 3, Access.RW, f -> cacheLevel = f)
        .build();
    registers
        .define(Reg.Ccsidr)
        .field("CCSIDR", 0, 32, Access.RO)
        .readsAs(this::selectedCacheSize)
        .build();
  }

  private long selectedCacheSize() {
    if (cacheLevel.value() != 0) {
      return 0; // there is no level 2 cache
    }
    return cacheInstructionSide.isSet() ? CCSIDR_INSTRUCTION_4K : CCSIDR_DATA_4K;
  }

  private long pendingBit(int exception) {
    return exceptions.isPending(exception) ? 1 : 0;
  }

  private long activeBit(int exception) {
    return exceptions.isActive(exception) ? 1 : 0;
  }

  private long enabledBit(int exception) {
    return exceptions.isEnabled(exception) ? 1 : 0;
  }

  private static void whenSet(long bit, Runnable action) {
    if (bit != 0) {
      action.run();
    }
  }
}
