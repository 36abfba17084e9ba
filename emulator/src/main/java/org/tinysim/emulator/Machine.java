package org.tinysim.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.tinysim.emulator.bus.MmioDevice;
import org.tinysim.emulator.bus.SystemBus;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cpu.CpuBackend.Access;
import org.tinysim.emulator.cpu.CycleCounter;
import org.tinysim.emulator.cpu.DebugHooks;
import org.tinysim.emulator.cpu.HostMemory;
import org.tinysim.emulator.cpu.UnicornBackend;
import org.tinysim.emulator.cycles.BlockCost;
import org.tinysim.emulator.cycles.BlockCostModel;
import org.tinysim.emulator.cycles.CodeRegion;
import org.tinysim.emulator.cycles.DataMemoryModel;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.ElfSymbol;
import org.tinysim.emulator.elf.LoadSegment;
import org.tinysim.emulator.exceptions.CoreFault;
import org.tinysim.emulator.exceptions.ExceptionNumber;
import org.tinysim.emulator.exceptions.ExceptionUnit;
import org.tinysim.emulator.exceptions.FaultRouting;
import org.tinysim.emulator.exceptions.FaultStatusRegisters;
import org.tinysim.emulator.exceptions.FpContextControl;
import org.tinysim.emulator.exceptions.InterruptController;
import org.tinysim.emulator.exceptions.InterruptSignal;
import org.tinysim.emulator.exceptions.UsageFaultCause;
import org.tinysim.emulator.fault.Fault;
import org.tinysim.emulator.fault.FaultContext;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.memory.Stm32f746MemoryMap;
import org.tinysim.emulator.run.BlockCostCache;
import org.tinysim.emulator.run.CheckedInstruction;
import org.tinysim.emulator.run.DeviceAccessLocator;
import org.tinysim.emulator.run.FaultDelivery;
import org.tinysim.emulator.run.FirmwareLoader;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.SramMeter;
import org.tinysim.emulator.run.SramUsage;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.emulator.semihosting.Semihosting;
import org.tinysim.emulator.time.Clock;
import org.tinysim.emulator.time.EventScheduler;
import org.tinysim.emulator.unicorn.internal.HookLib;
import org.tinysim.emulator.unicorn.internal.UnicornLib;

/**
 * The emulated STM32F746 core and memory: load an ELF, attach devices, run until the firmware
 * exits, yields to the host ({@code bkpt 0x42}) or faults. One instance per board; close it to free
 * the native engine (another can be opened afterwards).
 */
public final class Machine implements AutoCloseable {
  /** {@code bkpt} immediate the firmware uses to hand control to the host between inferences. */
  public static final int HOST_SYNC_BKPT = 0x42;

  private static final int SEMIHOSTING_BKPT = 0xAB;
  private static final int INTNO_SVC = 2;
  private static final int INTNO_PREFETCH_ABORT = 3;
  private static final int INTNO_BKPT = 7;

  /**
   * Unicorn reports a branch to EXC_RETURN as 8 in handler mode and as 3 (prefetch abort)
   * otherwise.
   */
  private static final int INTNO_EXCEPTION_EXIT = 8;

  /**
   * QEMU's EXCP_UDEF, EXCP_NOCP, EXCP_INVSTATE and EXCP_UNALIGNED: UsageFaults on an M-profile
   * core.
   */
  private static final int INTNO_UNDEFINED = 1;

  private static final int INTNO_NO_COPROCESSOR = 17;
  private static final int INTNO_INVALID_STATE = 18;
  private static final int INTNO_UNALIGNED = 22;

  /** A 4-byte object an RTOS port may define and set to the running task's lowest legal PSP. */
  public static final String PSP_LIMIT_SYMBOL = "tinysim_psp_limit";

  private final CpuBackend cpu;
  private final HostMemory sram = new HostMemory(Stm32f746MemoryMap.SRAM_SIZE);
  private final HostMemory flash = new HostMemory(Stm32f746MemoryMap.FLASH_SIZE);
  private final HostMemory itcm = new HostMemory(16 * 1024);
  private final HostMemory backupSram = new HostMemory(4 * 1024);
  private final SystemBus bus;
  private final CycleCounter counter;
  private final BlockCostCache costs;
  private final DeviceAccessLocator deviceAccesses;
  private final EventScheduler scheduler;
  private final Clock clock;
  private InterruptController interrupts = NoInterrupts.INSTANCE;
  private FpContextControl fpContext = FpContextControl.detached();
  private ExceptionUnit exceptions;
  private LongSupplier coreHz = () -> 16_000_000L;
  private IntSupplier flashWaitStates = () -> 0;
  private Predicate<CodeRegion> flashCached = region -> true;
  private boolean exactInstructionCache;
  private BooleanSupplier dataCacheOn = () -> false;
  private boolean exactDataCache;
  private Consumer<String> consoleEcho = s -> {};

  private ElfImage image;
  private Semihosting semihosting;
  private SramMeter sramMeter;
  private long flashBytes;
  private long initialSp;
  private boolean devicesMapped;
  private boolean insideEngine;
  private boolean finished;
  private boolean yielded;
  private Fault pendingFault;
  private DebugHooks debugHooks;

  /** The last run paused inside a block the cycle hook had already charged (a debugger stop). */
  private boolean pausedInsideBlock;

  /** The architectural fault behind {@link #pendingFault}, when the core would raise one. */
  private CoreFault pendingCoreFault;

  private FaultStatusRegisters faultStatus;
  private FaultDelivery faultDelivery = FaultDelivery.AUTO;
  private final List<String> deliveredFaults = new ArrayList<>();
  private final List<Long> divisionHooks = new ArrayList<>();
  private boolean multiWordChecksInstalled;

  /** CCR.DIV_0_TRP as last written; hooks change between engine runs (not inside a callback). */
  private boolean divideByZeroTrap;

  private boolean checkBeforeResuming = true;

  /**
   * Instruction count when the last exception was entered: equal means its handler has not started.
   */
  private long instructionsAtEntry = -1;

  public Machine(BlockCostModel costModel) {
    this(new UnicornBackend(), costModel);
  }

  public Machine(CpuBackend cpu, BlockCostModel costModel) {
    this.cpu = cpu;
    try {
      cpu.mapMemory(Stm32f746MemoryMap.ITCM_RAM_BASE, itcm, EnumSet.allOf(Access.class));
      cpu.mapMemory(
          Stm32f746MemoryMap.FLASH_ITCM_BASE, flash, EnumSet.of(Access.READ, Access.EXECUTE));
      cpu.mapMemory(Stm32f746MemoryMap.FLASH_BASE, flash, EnumSet.of(Access.READ, Access.EXECUTE));
      cpu.mapMemory(Stm32f746MemoryMap.DTCM_BASE, sram, EnumSet.allOf(Access.class));
      cpu.mapMemory(
          Stm32f746MemoryMap.BACKUP_SRAM_BASE, backupSram, EnumSet.of(Access.READ, Access.WRITE));
      this.bus = new SystemBus(this::onDeviceHole);
      this.costs =
          new BlockCostCache(
              cpu,
              costModel,
              () -> flashWaitStates.getAsInt(),
              region -> flashCached.test(region),
              () -> dataCacheOn.getAsBoolean(),
              () -> exactDataCache);
      this.counter = cpu.attachCycleCounter(costs);
      counter.setBranchTableEntries(costModel.branchTableEntries());
      counter.setReturnStack(costModel.returnStackEntries(), costModel.returnStackPenalty());
      costs.setResidentWorkingSetSource(counter::costingResidentWorkingSet);
      this.deviceAccesses = new DeviceAccessLocator(counter, bus);
      this.scheduler = new EventScheduler(counter::setNextEventCycle);
      this.clock = new MachineClock();
      this.exceptions = new ExceptionUnit(cpu, interrupts);
      cpu.setEventHandlers(new Events());
    } catch (RuntimeException e) {
      cpu.close();
      throw e;
    }
  }

  // ---- board assembly -------------------------------------------------------------------

  public Clock clock() {
    return clock;
  }

  /** Devices call this when they make an exception pending. */
  public InterruptSignal interruptSignal() {
    return this::onPendingChanged;
  }

  /**
   * Stops the engine only for an exception that may preempt now; one held back only by the masks
   * arms the native unmask check instead; outside the engine the run loop checks before resuming.
   */
  private void onPendingChanged() {
    if (!insideEngine) {
      checkBeforeResuming = true;
    } else if (interrupts.highestPendingPreempting(exceptions.executionPriority()) >= 0) {
      counter.requestStop();
    } else {
      armUnmaskStop();
    }
  }

  public void attachDevice(long base, MmioDevice device) {
    if (devicesMapped) {
      throw new IllegalStateException("devices must be attached before the first run");
    }
    bus.attach(base, device);
  }

  public SystemBus bus() {
    return bus;
  }

  public void setInterruptController(InterruptController controller) {
    this.interrupts = controller;
    this.exceptions = new ExceptionUnit(cpu, controller, fpContext);
  }

  /** FPCCR/FPCAR for lazy FP state preservation (the SCB model's); a detached holder by default. */
  public void setFpContextControl(FpContextControl control) {
    this.fpContext = control;
    this.exceptions = new ExceptionUnit(cpu, interrupts, control);
  }

  public void setCoreFrequencySource(LongSupplier hz) {
    this.coreHz = hz;
  }

  public void setFlashWaitStatesSource(IntSupplier waitStates) {
    this.flashWaitStates = waitStates;
  }

  /**
   * Whether flash fetches on a path are cached (I-cache for AXIM, ART for the ITCM path); default
   * yes.
   */
  public void setFlashCacheSource(Predicate<CodeRegion> cached) {
    this.flashCached = cached;
  }

  /** Whether the L1 D-cache is on (CCR.DC); default off, as out of reset. */
  public void setDataCacheSource(BooleanSupplier enabled) {
    this.dataCacheOn = enabled;
  }

  /**
   * The caches or wait states were switched: block costs computed under the old setting are
   * dropped.
   */
  public void flashCacheChanged() {
    counter.forgetCosts();
    costs.clear();
    counter.setExactInstructionCache(exactInstructionCache, instructionCacheMissCycles());
    applyExactDataCache();
  }

  /**
   * Slow exact mode: every data access to flash and SRAM1/SRAM2 goes through a simulated 4 KB
   * D-cache (CYCLE_MODEL.md, "Data side"), instead of each block's static estimate.
   */
  public void setExactDataCache(boolean exact) {
    exactDataCache = exact;
    counter.forgetCosts();
    costs.clear();
    applyExactDataCache();
  }

  private void applyExactDataCache() {
    if (!exactDataCache) {
      counter.setExactDataCache(null);
      return;
    }
    int ws = flashWaitStates.getAsInt();
    counter.setExactDataCache(
        new int[] {
          dataCacheOn.getAsBoolean() ? 1 : 0,
          flashCached.test(CodeRegion.FLASH_ITCM) ? 1 : 0,
          DataMemoryModel.lineFill(ws),
          DataMemoryModel.lineFill(0),
          DataMemoryModel.uncachedRead(4, ws),
          DataMemoryModel.uncachedRead(4, 0),
          DataMemoryModel.WRITE_BACK_CYCLES
        });
  }

  /**
   * Slow exact mode: simulate the 4 KB L1 I-cache for code fetched over AXIM, instead of assuming
   * every fetch hits (CYCLE_MODEL.md, "Instruction fetch and caches").
   */
  public void setExactInstructionCache(boolean exact) {
    exactInstructionCache = exact;
    counter.setExactInstructionCache(exact, instructionCacheMissCycles());
  }

  /**
   * A 32-byte line fill over the 64-bit AXIM: the first beat pays the wait states plus one cycle,
   * the other three follow one per cycle [A] (the same fill as the D-cache's).
   */
  private int instructionCacheMissCycles() {
    return DataMemoryModel.lineFill(flashWaitStates.getAsInt());
  }

  /**
   * CCR.UNALIGN_TRP: report every unaligned halfword/word access as a fault. Without it, unaligned
   * LDR/STR are legal on the M7, as here; the always-faulting unaligned LDRD/STRD/LDM/STM are not
   * detected (Unicorn executes them).
   */
  public void setTrapAllUnaligned(boolean trapAll) {
    counter.setTrapUnaligned(trapAll);
  }

  /** The SCB's CFSR/HFSR/MMFAR/BFAR/SHCSR/CCR; without them faults always stop the run. */
  public void setFaultStatusRegisters(FaultStatusRegisters registers) {
    this.faultStatus = registers;
  }

  public void setFaultDelivery(FaultDelivery delivery) {
    this.faultDelivery = delivery;
  }

  public FaultDelivery faultDelivery() {
    return faultDelivery;
  }

  /**
   * True when faults can reach the firmware's vector table (an SCB is attached and delivery is not
   * {@link FaultDelivery#NEVER}); which ones do then follows {@link FaultDelivery}.
   */
  public boolean deliversFaults() {
    return faultStatus != null && faultDelivery != FaultDelivery.NEVER;
  }

  /**
   * One line per fault taken by a firmware handler this run, e.g. "BusFault (PRECISERR) at 0x...".
   */
  public List<String> deliveredFaults() {
    return List.copyOf(deliveredFaults);
  }

  /** Streams semihosting console output as it is produced. */
  public void echoConsoleTo(Consumer<String> sink) {
    this.consoleEcho = sink;
    if (semihosting != null) {
      semihosting.echoTo(sink);
    }
  }

  // ---- loading ----------------------------------------------------------------------------

  /** Places the image in flash/RAM and resets the core from its vector table. */
  public void load(ElfImage firmware) {
    if (image != null) {
      throw new IllegalStateException("a firmware is already loaded; open a new Machine");
    }
    FirmwareLoader.Placement placement = FirmwareLoader.place(firmware, flash, itcm, sram);
    ByteBuffer vectors = ByteBuffer.wrap(flash.read(0, 8)).order(ByteOrder.LITTLE_ENDIAN);
    initialSp = Integer.toUnsignedLong(vectors.getInt());
    int resetHandler = vectors.getInt();
    if (initialSp <= Stm32f746MemoryMap.DTCM_BASE || initialSp > Stm32f746MemoryMap.SRAM_END) {
      throw new FirmwareLoader.BadImageException(
          String.format(
              "%s: initial SP 0x%08X from the vector table "
                  + "at 0x08000000 is not inside SRAM (0x20000000..0x20050000)",
              firmware.source(), initialSp));
    }
    if ((resetHandler & 1) == 0) {
      throw new FirmwareLoader.BadImageException(
          String.format(
              "%s: reset vector 0x%08X lacks the Thumb bit", firmware.source(), resetHandler));
    }
    // Only a bootable image counts as loaded: run() on a rejected one must say "no firmware
    // loaded".
    this.image = firmware;
    this.flashBytes = placement.flashBytes();
    sramMeter = new SramMeter(sram, firmware, initialSp);
    sramMeter.fill();
    for (FirmwareLoader.RamInit init : placement.ramInits()) {
      sram.write(init.address() - Stm32f746MemoryMap.DTCM_BASE, init.data());
    }
    counter.setStackLimit(sramMeter.stackLimit());
    counter.setStackTop(initialSp);
    counter.setProcessStackLimitWord(
        firmware
            .symbol(PSP_LIMIT_SYMBOL)
            .filter(
                s ->
                    s.address() >= Stm32f746MemoryMap.DTCM_BASE
                        && s.address() + 4 <= Stm32f746MemoryMap.SRAM_END)
            .map(s -> sram.pointer().share(s.address() - Stm32f746MemoryMap.DTCM_BASE))
            .orElse(null));
    semihosting = new Semihosting(cpu, clock::cycles, () -> coreHz.getAsLong(), heapInfo(firmware));
    semihosting.echoTo(consoleEcho);
    cpu.writeRegister(CoreRegister.SP, (int) initialSp);
    cpu.writeRegister(CoreRegister.PC, resetHandler | 1);
  }

  private long[] heapInfo(ElfImage firmware) {
    return new long[] {
      firmware.symbolAddress("__heap_start").orElse(0L),
      firmware.symbolAddress("__heap_end").orElse(0L),
      initialSp,
      sramMeter.stackLimit()
    };
  }

  public ElfImage image() {
    return image;
  }

  // ---- running ----------------------------------------------------------------------------

  /** Runs until exit, host sync point or fault. Call again after {@link StopKind#YIELDED}. */
  public RunResult run(RunOptions options) {
    if (image == null) {
      throw new IllegalStateException("no firmware loaded");
    }
    if (finished) {
      throw new IllegalStateException(
          "the firmware has already stopped; open a new Machine to run again");
    }
    mapDevicesOnce();
    installMultiWordChecksOnce();
    counter.setCycleLimit(options.maxCycles());
    counter.setInstructionLimit(options.maxInstructions());
    pausedInsideBlock = false;
    while (true) {
      applyDivideByZeroTrap();
      if (checkBeforeResuming) {
        checkBeforeResuming = false;
        serviceInterrupts();
      }
      int pc = cpu.readRegister(CoreRegister.PC);
      insideEngine = true;
      counter.setEngineRunning(true);
      CpuBackend.EngineStatus status;
      try {
        status = cpu.run(pc);
      } finally {
        insideEngine = false;
        counter.setEngineRunning(false);
      }
      noteExceptionFrames();
      if (pendingFault != null) {
        if (!deliverPendingFault()) {
          return finish(StopKind.FAULTED);
        }
        counter.clearStopReason();
        continue;
      }
      if (semihosting.exitStatus() != null) {
        return finish(StopKind.EXITED);
      }
      if (yielded) {
        yielded = false;
        return result(StopKind.YIELDED);
      }
      int reason = counter.stopReason();
      counter.clearStopReason();
      if (reason == HookLib.TS_STOP_DEBUG || reason == HookLib.TS_STOP_PAUSE) {
        // Nothing is due at a pause: servicing here would be a stop a plain run never makes.
        pausedInsideBlock = reason == HookLib.TS_STOP_DEBUG;
        return result(StopKind.PAUSED);
      }
      Fault fault = faultForStop(reason, status);
      if (fault != null) {
        pendingFault = fault;
        if (!deliverPendingFault()) {
          return finish(StopKind.FAULTED);
        }
      }
      scheduler.runDue(counter.cycles());
      checkBeforeResuming = false;
      serviceInterrupts();
      if (pendingFault != null) {
        return finish(StopKind.FAULTED);
      }
    }
  }

  private Fault faultForStop(int reason, CpuBackend.EngineStatus status) {
    long pc = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC));
    switch (reason) {
      case HookLib.TS_STOP_CYCLE_BUDGET:
        return fault(
            FaultKind.CYCLE_BUDGET_EXCEEDED,
            -1,
            pc,
            String.format("ran more than %d cycles; stopped", counter.cycles()));
      case HookLib.TS_STOP_INSN_BUDGET:
        return fault(
            FaultKind.INSTRUCTION_BUDGET_EXCEEDED,
            -1,
            pc,
            String.format("ran more than %d instructions; stopped", counter.instructions()));
      case HookLib.TS_STOP_STACK_OVERFLOW:
        {
          long sp = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.SP));
          long limit = sramMeter.stackLimit();
          return fault(
              FaultKind.STACK_OVERFLOW,
              sp,
              pc,
              String.format(
                  "SP 0x%08X is %d bytes below the stack limit 0x%08X (%s), into static data",
                  sp, limit - sp, limit, limitName()));
        }
      case HookLib.TS_STOP_PROCESS_STACK_OVERFLOW:
        {
          long sp = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.SP));
          long limit =
              Integer.toUnsignedLong(
                  ByteBuffer.wrap(readSymbol(PSP_LIMIT_SYMBOL))
                      .order(ByteOrder.LITTLE_ENDIAN)
                      .getInt());
          return fault(
              FaultKind.STACK_OVERFLOW,
              sp,
              pc,
              String.format(
                  "PSP 0x%08X is %d bytes below the running task's stack limit 0x%08X (%s)",
                  sp, limit - sp, limit, PSP_LIMIT_SYMBOL));
        }
      case HookLib.TS_STOP_UNALIGNED:
        {
          long address = counter.faultAddress();
          pendingCoreFault = CoreFault.usage(UsageFaultCause.UNALIGNED, counter.faultPc());
          return fault(
              FaultKind.UNALIGNED_ACCESS,
              address,
              counter.faultPc(),
              String.format(
                  "%s of %d bytes at 0x%08X, %s",
                  counter.faultIsWrite() ? "write" : "read",
                  counter.faultSize(),
                  address,
                  Stm32f746MemoryMap.describe(address)));
        }
      case HookLib.TS_STOP_EVENT_DUE:
      case HookLib.TS_STOP_HOST_REQUEST:
      case HookLib.TS_STOP_UNMASKED:
        return null;
      default:
        break;
    }
    if (!status.ok()) {
      if (status.code() == UnicornLib.UC_ERR_INSN_INVALID) {
        pendingCoreFault = CoreFault.usage(UsageFaultCause.UNDEFINSTR, pc);
        return fault(
            FaultKind.UNDEFINED_INSTRUCTION,
            pc,
            pc,
            String.format("instruction 0x%s at 0x%08X", instructionHex(pc), pc));
      }
      if (status.code() == UnicornLib.UC_ERR_EXCEPTION) {
        return usageFault(
            UsageFaultCause.INVSTATE,
            pc,
            String.format("instruction 0x%s at 0x%08X with EPSR.T = 0", instructionHex(pc), pc));
      }
      return fault(FaultKind.ENGINE_ERROR, -1, pc, "Unicorn stopped with: " + status.message());
    }
    if (stoppedAfterWaitForInterrupt(pc)) {
      return sleepUntilWoken(pc);
    }
    return fault(FaultKind.ENGINE_ERROR, -1, pc, "the engine stopped without a reason");
  }

  private String limitName() {
    return image.symbol("__stack_limit").isPresent()
        ? "__stack_limit"
        : image.symbol("_ebss").isPresent() ? "_ebss" : "end of static data";
  }

  private boolean stoppedAfterWaitForInterrupt(long pc) {
    int previous = halfword(pc - 2);
    int wide = (halfword(pc - 4) << 16) | previous;
    return previous == 0xBF30 || previous == 0xBF20 || wide == 0xF3AF8003 || wide == 0xF3AF8002;
  }

  /** WFI/WFE: jump emulated time to the next device event; a core nobody can wake is a deadlock. */
  private Fault sleepUntilWoken(long pc) {
    if (interrupts.highestPendingPreempting(exceptions.wakePriority()) >= 0) {
      return null;
    }
    long deadline = scheduler.nextDeadline();
    if (deadline < 0) {
      return fault(
          FaultKind.DEADLOCK, -1, pc - 2, "WFI with no pending interrupt and no timer running");
    }
    long now = counter.cycles();
    if (deadline > now) {
      counter.addCycles(deadline - now);
    }
    return null;
  }

  /**
   * Takes what may preempt now; an exception held back only by PRIMASK/FAULTMASK/BASEPRI arms the
   * native hook, which stops at the first block boundary after the masks drop (MSR and CPS end
   * their block, so that is the next instruction).
   */
  private void serviceInterrupts() {
    int pc = cpu.readRegister(CoreRegister.PC);
    if (counter.instructions() == instructionsAtEntry && exceptions.takeLateArrival() >= 0) {
      counter.forgetPreviousBlock();
    } else if (exceptions.takePending(pc) >= 0) {
      counter.addCycles(ExceptionUnit.ENTRY_CYCLES);
      counter.forgetPreviousBlock();
      counter.setOnProcessStack(false);
      instructionsAtEntry = counter.instructions();
    }
    armUnmaskStop();
  }

  private void armUnmaskStop() {
    int masked = interrupts.highestPendingPreempting(exceptions.activePriority());
    if (masked >= 0) {
      counter.armUnmaskStop(
          interrupts.groupPriority(interrupts.priorityOf(masked)), interrupts.groupPriority(0xFF));
    } else {
      counter.disarmUnmaskStop();
    }
  }

  private void noteExceptionFrames() {
    long deepest = exceptions.deepestFrameAddress();
    if (deepest != Long.MAX_VALUE) {
      counter.noteSp(deepest);
    }
  }

  private void mapDevicesOnce() {
    if (devicesMapped) {
      return;
    }
    for (long[] run : bus.pageRuns()) {
      if (run[0] <= Stm32f746MemoryMap.BACKUP_SRAM_BASE
          && run[1] > Stm32f746MemoryMap.BACKUP_SRAM_BASE) {
        throw new IllegalStateException("a device overlaps the backup SRAM page");
      }
      cpu.mapDevicePages(run[0], run[1] - run[0], deviceAccesses);
    }
    devicesMapped = true;
  }

  private RunResult finish(StopKind stop) {
    finished = true;
    if (stop == StopKind.FAULTED) {
      try {
        pendingFault =
            pendingFault.withContext(
                FaultContext.describe(cpu, image, exceptions, pendingFault.pc(), initialSp));
      } catch (RuntimeException unavailable) {
        pendingFault = pendingFault.withContext("(no fault context: " + unavailable + ")\n");
      }
    }
    return result(stop);
  }

  private RunResult result(StopKind stop) {
    return new RunResult(
        stop,
        stop == StopKind.EXITED ? semihosting.exitStatus() : null,
        stop == StopKind.FAULTED ? pendingFault : null,
        counter.cycles(),
        counter.instructions(),
        semihosting.stdout(),
        semihosting.stderr(),
        sramMeter.measure(counter.minimumSp()),
        flashBytes,
        coreHz.getAsLong());
  }

  // ---- host ABI: named symbols --------------------------------------------------------------

  public byte[] readSymbol(String name) {
    ElfSymbol s = requireSymbol(name);
    return cpu.readMemory(s.address(), (int) s.size());
  }

  public void writeSymbol(String name, byte[] data) {
    ElfSymbol s = requireSymbol(name);
    if (data.length > s.size()) {
      throw new IllegalArgumentException(
          String.format("%d bytes do not fit symbol %s (%d bytes)", data.length, name, s.size()));
    }
    cpu.writeMemory(s.address(), data);
    if (counter.instructions() == 0) {
      patchLoadImage(s.address(), data);
    }
  }

  /** Before boot, startup code would copy .data over a RAM patch: patch its flash image too. */
  private void patchLoadImage(long address, byte[] data) {
    for (LoadSegment segment : image.segments()) {
      long offset = address - segment.virtualAddress();
      if (segment.physicalAddress() != segment.virtualAddress()
          && offset >= 0
          && offset + data.length <= segment.data().length) {
        cpu.writeMemory(segment.physicalAddress() + offset, data);
      }
    }
  }

  private ElfSymbol requireSymbol(String name) {
    if (image == null) {
      throw new IllegalStateException("no firmware loaded");
    }
    return image
        .symbol(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException("symbol '" + name + "' is not in " + image.source()));
  }

  public CpuBackend cpu() {
    return cpu;
  }

  /**
   * Thread-safe: the current {@link #run} returns {@link StopKind#PAUSED} at the next block
   * boundary; calling run again continues exactly as if it had never paused.
   */
  public void requestPause() {
    counter.requestPause();
  }

  /** Breakpoints, stepping and watchpoints for a debugger, attached on first use. */
  public DebugHooks debugHooks() {
    if (debugHooks == null) {
      debugHooks = counter.attachDebugHooks();
    }
    return debugHooks;
  }

  /** Cycles executed so far; inside a block when a debugger stopped there. */
  public long cyclesNow() {
    return clock.cycles();
  }

  /** Where the firmware is now, as the result of a run the host paused here. */
  public RunResult pausedResult() {
    if (image == null) {
      throw new IllegalStateException("no firmware loaded");
    }
    return result(StopKind.PAUSED);
  }

  /** SRAM use measured so far (static, heap, deepest stack). */
  public SramUsage sramUsage() {
    if (image == null) {
      throw new IllegalStateException("no firmware loaded");
    }
    return sramMeter.measure(counter.minimumSp());
  }

  public CycleCounter counter() {
    return counter;
  }

  public BlockCostCache blockCosts() {
    return costs;
  }

  @Override
  public void close() {
    if (debugHooks != null) {
      debugHooks.close();
    }
    cpu.close();
  }

  // ---- events from the engine ---------------------------------------------------------------

  private final class Events implements CpuBackend.CpuEvents {
    @Override
    public void onInterrupt(int intno) {
      try {
        handleInterrupt(intno);
      } catch (RuntimeException e) {
        long pc = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC));
        raise(
            fault(
                FaultKind.ENGINE_ERROR,
                -1,
                pc,
                "host failed handling CPU exception " + intno + ": " + e));
      }
    }

    @Override
    public boolean onInvalidAccess(
        CpuBackend.MemoryAccessKind kind, long address, int size, long value) {
      long pc =
          accessingInstruction(address, Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC)));
      FaultKind faultKind =
          switch (kind) {
            case READ_UNMAPPED, READ_PROTECTED -> FaultKind.READ_UNMAPPED;
            case WRITE_UNMAPPED -> FaultKind.WRITE_UNMAPPED;
            case WRITE_PROTECTED -> FaultKind.WRITE_TO_READ_ONLY;
            case FETCH_UNMAPPED -> FaultKind.FETCH_UNMAPPED;
            case FETCH_PROTECTED -> FaultKind.FETCH_FROM_NON_EXECUTABLE;
          };
      boolean fetch =
          kind == CpuBackend.MemoryAccessKind.FETCH_UNMAPPED
              || kind == CpuBackend.MemoryAccessKind.FETCH_PROTECTED;
      String what = fetch ? "fetch" : (faultKind == FaultKind.READ_UNMAPPED ? "read" : "write");
      CoreFault core =
          switch (kind) {
            case READ_UNMAPPED, READ_PROTECTED -> CoreFault.preciseBusFault(address, pc);
            case WRITE_UNMAPPED -> CoreFault.impreciseBusFault(pc + instructionLength(pc));
            case FETCH_UNMAPPED ->
                CoreFault.executeNeverRegion(address)
                    ? CoreFault.executeNever(address)
                    : CoreFault.instructionBusError(address);
            case FETCH_PROTECTED -> CoreFault.executeNever(address);
            case WRITE_PROTECTED -> null;
          };
      raise(
          fault(
              faultKind,
              address,
              fetch ? address : pc,
              String.format(
                  "%s of %d bytes at 0x%08X, %s",
                  what, size, address, Stm32f746MemoryMap.describe(address))),
          core);
      return false;
    }
  }

  private void handleInterrupt(int intno) {
    long pc = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC));
    switch (intno) {
      case INTNO_SVC -> {
        exceptions.enter(ExceptionNumber.SV_CALL, (int) pc);
        counter.addCycles(ExceptionUnit.ENTRY_CYCLES);
        counter.setOnProcessStack(false);
        instructionsAtEntry = counter.instructions();
      }
      case INTNO_BKPT -> {
        int imm = halfword(pc) & 0xff;
        if (imm == SEMIHOSTING_BKPT) {
          semihosting.handleCall();
          cpu.writeRegister(CoreRegister.PC, (int) (pc + 2) | 1);
          if (semihosting.exitStatus() != null) {
            stopSoon();
          }
        } else if (imm == HOST_SYNC_BKPT) {
          cpu.writeRegister(CoreRegister.PC, (int) (pc + 2) | 1);
          yielded = true;
          stopSoon();
        } else {
          raise(
              fault(FaultKind.BREAKPOINT, -1, pc, String.format("bkpt 0x%02X at 0x%08X", imm, pc)));
        }
      }
      case INTNO_PREFETCH_ABORT, INTNO_EXCEPTION_EXIT -> {
        if (pc >= 0xFF000000L && exceptions.inHandler()) {
          // Unicorn keeps the Thumb bit of the branch target apart from the PC.
          int excReturn = (int) pc | ((cpu.readRegister(CoreRegister.XPSR) >>> 24) & 1);
          try {
            ExceptionUnit.ReturnOutcome outcome = exceptions.exceptionReturn(excReturn);
            counter.addCycles(
                outcome == ExceptionUnit.ReturnOutcome.TAIL_CHAINED
                    ? ExceptionUnit.TAIL_CHAIN_CYCLES
                    : ExceptionUnit.RETURN_CYCLES);
            instructionsAtEntry =
                outcome == ExceptionUnit.ReturnOutcome.TAIL_CHAINED ? counter.instructions() : -1;
            counter.setOnProcessStack(exceptions.onProcessStack());
            counter.forgetPreviousBlock();
            armUnmaskStop(); // what outranks the returned-to level was tail-chained
          } catch (ExceptionUnit.InvalidReturn e) {
            raise(usageFault(e.usageFault(), counter.blockAddress(), e.getMessage()));
          }
        } else {
          raise(
              fault(
                  FaultKind.FETCH_UNMAPPED,
                  pc,
                  pc,
                  String.format(
                      "instruction fetch at 0x%08X, %s",
                      pc,
                      pc >= 0xFFFFFF00L
                          ? "an EXC_RETURN value used outside an exception handler"
                          : Stm32f746MemoryMap.describe(pc))),
              CoreFault.executeNeverRegion(pc)
                  ? CoreFault.executeNever(pc)
                  : CoreFault.instructionBusError(pc));
        }
      }
      case INTNO_UNDEFINED ->
          raiseUsageFault(
              UsageFaultCause.UNDEFINSTR,
              pc,
              String.format("instruction 0x%s at 0x%08X", instructionHex(pc), pc));
      case INTNO_NO_COPROCESSOR ->
          raiseUsageFault(
              UsageFaultCause.NOCP,
              pc,
              String.format(
                  "coprocessor instruction 0x%s at 0x%08X (only the FPU, CP10/CP11, exists)",
                  instructionHex(pc), pc));
      case INTNO_INVALID_STATE ->
          raiseUsageFault(
              UsageFaultCause.INVSTATE,
              pc,
              String.format("instruction 0x%s at 0x%08X with EPSR.T = 0", instructionHex(pc), pc));
      case INTNO_UNALIGNED ->
          raiseUsageFault(
              UsageFaultCause.UNALIGNED,
              pc,
              String.format(
                  "instruction 0x%s at 0x%08X: an LDRD/STRD/LDM/STM/exclusive access that must be aligned",
                  instructionHex(pc), pc));
      default ->
          raise(
              fault(
                  FaultKind.ENGINE_ERROR,
                  -1,
                  pc,
                  String.format(
                      "unexpected CPU exception %d at 0x%08X (instruction 0x%s)",
                      intno, pc, instructionHex(pc))));
    }
  }

  /**
   * A UsageFault (exception 6) the core raises. Reported to the host as a fault; delivering it to
   * the firmware's UsageFault/HardFault handler (issue 14) belongs here, with the cause's CFSR bit.
   */
  private Fault usageFault(UsageFaultCause cause, long pc, String what) {
    return fault(
        FaultKind.USAGE_FAULT,
        pc,
        pc,
        String.format("UsageFault (%s, %s): %s", cause.name(), cause.description(), what));
  }

  /**
   * Unicorn leaves the PC at the block start during a data access; registers are current, so the
   * access is the block's first immediate-offset load/store whose base is within 4 KiB of {@code
   * address} (as {@link DeviceAccessLocator} does for device reads). {@code blockPc} if none.
   */
  private long accessingInstruction(long address, long blockPc) {
    BlockCost cost = costs.costOf(counter.blockAddress(), counter.blockSize());
    if (cost == null || blockPc != counter.blockAddress()) {
      return blockPc;
    }
    int[] bases = cost.accessBases();
    for (int i = 0; i < bases.length; i++) {
      if (bases[i] >= 0 && bases[i] != 15) {
        long base = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.core(bases[i])));
        if (Math.abs(address - base) < 4096) {
          return counter.blockAddress() + cost.instructionOffsets()[i];
        }
      }
    }
    return blockPc;
  }

  private void raiseUsageFault(UsageFaultCause cause, long pc, String what) {
    raise(usageFault(cause, pc, what), CoreFault.usage(cause, pc));
  }

  // ---- faults delivered to the firmware ------------------------------------------------------

  /**
   * Takes the pending fault's exception as the M7 would (status registers, escalation, frame) when
   * the delivery policy and an attached SCB allow it. False leaves the host report pending; a
   * lockup replaces it with a LOCKUP fault.
   */
  private boolean deliverPendingFault() {
    CoreFault core = pendingCoreFault;
    if (core == null || !deliversFaults()) {
      return false;
    }
    FaultRouting.Decision decision =
        FaultRouting.route(core, faultStatus, interrupts, exceptions.executionPriority());
    if (decision.lockup()) {
      recordFaultStatus(core, false);
      Fault cause = pendingFault;
      pendingFault =
          new Fault(
              FaultKind.LOCKUP,
              cause.address(),
              core.stackedPc(),
              cause.location(),
              String.format(
                  "the core locked up: %s while in %s; %s. Fault: %s",
                  core.exceptionName(),
                  FaultRouting.name(currentException()),
                  decision.why(),
                  cause.detail()));
      return false;
    }
    if (faultDelivery == FaultDelivery.AUTO && !firmwareHandles(decision.exception())) {
      return false;
    }
    recordFaultStatus(core, decision.forced());
    try {
      exceptions.enter(decision.exception(), (int) core.stackedPc());
    } catch (IllegalStateException unstackable) {
      return false; // the frame would go to unmapped memory: keep the original report
    }
    counter.addCycles(ExceptionUnit.ENTRY_CYCLES);
    counter.forgetPreviousBlock();
    counter.setOnProcessStack(false);
    instructionsAtEntry = counter.instructions();
    deliveredFaults.add(
        String.format(
            "%s (CFSR 0x%08X) at 0x%08X%s",
            FaultRouting.name(decision.exception()),
            core.cfsrBits(),
            core.stackedPc(),
            decision.forced() ? ", escalated: " + decision.why() : ""));
    pendingFault = null;
    pendingCoreFault = null;
    return true;
  }

  private void recordFaultStatus(CoreFault core, boolean forced) {
    faultStatus.recordFaultStatus(core.cfsrBits());
    if (core.faultAddress() >= 0) {
      if (core.exception() == ExceptionNumber.BUS_FAULT) {
        faultStatus.recordBusFaultAddress(core.faultAddress());
      } else {
        faultStatus.recordMemManageAddress(core.faultAddress());
      }
    }
    if (forced) {
      faultStatus.recordHardFaultStatus(CoreFault.HFSR_FORCED);
    }
  }

  private int currentException() {
    return cpu.readRegister(CoreRegister.IPSR) & 0x1FF;
  }

  /**
   * The vector of {@code exception} is the firmware's own handler, not the board default or a
   * {@code b .}.
   */
  private boolean firmwareHandles(int exception) {
    long handler =
        Integer.toUnsignedLong(word(interrupts.vectorTableBase() + 4L * exception)) & ~1L;
    boolean boardDefault =
        image.symbolAddress("Default_Handler").map(a -> (a & ~1L) == handler).orElse(false);
    return handler != 0 && !boardDefault && halfword(handler) != 0xE7FE;
  }

  /**
   * CCR.DIV_0_TRP: while set, every SDIV/UDIV is checked before it runs and a zero divisor raises a
   * UsageFault (DIVBYZERO) instead of Unicorn's result 0.
   */
  public void setDivideByZeroTrap(boolean trap) {
    divideByZeroTrap = trap;
    if (insideEngine) {
      counter
          .requestStop(); // applied at the next block boundary (firmware follows a CCR write with
      // ISB)
    } else {
      applyDivideByZeroTrap();
    }
  }

  private void applyDivideByZeroTrap() {
    boolean trap = divideByZeroTrap;
    if (image == null || trap == !divisionHooks.isEmpty()) {
      return;
    }
    if (!trap) {
      divisionHooks.forEach(cpu::removeCodeHook);
      divisionHooks.clear();
      return;
    }
    for (CheckedInstruction division : CheckedInstruction.divisions(image, cpu)) {
      divisionHooks.add(
          cpu.addCodeHook(
              division.address(),
              at -> {
                if (cpu.readRegister(CoreRegister.core(division.register())) == 0) {
                  faultBeforeExecuting(
                      at,
                      UsageFaultCause.DIVBYZERO,
                      String.format(
                          "%s at 0x%08X with divisor r%d = 0 (CCR.DIV_0_TRP is set)",
                          division.mnemonic(), at, division.register()));
                }
              }));
    }
  }

  /**
   * LDRD/STRD/LDM/STM with a base that is not word-aligned always fault on the M7; Unicorn executes
   * them. Checked (a native code hook per site, which slows those instructions) only when the
   * firmware installs its own HardFault or UsageFault handler, i.e. when the fault changes what the
   * firmware does.
   */
  private void installMultiWordChecksOnce() {
    if (multiWordChecksInstalled) {
      return;
    }
    multiWordChecksInstalled = true;
    if (!deliversFaults()
        || !(firmwareHandles(ExceptionNumber.HARD_FAULT)
            || firmwareHandles(ExceptionNumber.USAGE_FAULT))) {
      return;
    }
    for (CheckedInstruction access : CheckedInstruction.multiWordAccesses(image, cpu)) {
      boolean dual = access.mnemonic().endsWith("D");
      counter.checkWordAlignedBase(
          access.address(), access.register(), dual ? 8 : 4, access.mnemonic().startsWith("ST"));
    }
    cpu.flushTranslations();
  }

  /**
   * From a code hook: the instruction at {@code pc} must not run (redirecting the PC to itself
   * aborts it).
   */
  private void faultBeforeExecuting(long pc, UsageFaultCause cause, String what) {
    raiseUsageFault(cause, pc, what);
    cpu.writeRegister(CoreRegister.PC, (int) pc | 1);
  }

  private void onDeviceHole(long address, int width, boolean write) {
    long pc = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC));
    raise(
        fault(
            FaultKind.DEVICE_HOLE,
            address,
            pc,
            String.format(
                "%s of %d bytes at 0x%08X: no device " + "model there (%s)",
                write ? "write" : "read", width, address, Stm32f746MemoryMap.describe(address))));
  }

  private void raise(Fault fault) {
    raise(fault, null);
  }

  /** {@code core}: the exception the M7 would raise for it, or null when none (host-only stop). */
  private void raise(Fault fault, CoreFault core) {
    if (pendingFault == null) {
      pendingFault = fault;
      pendingCoreFault = core;
    }
    stopSoon();
  }

  /** uc_emu_stop alone is lost when called from an interrupt hook; the native flag is not. */
  private void stopSoon() {
    cpu.stop();
    counter.requestStop();
  }

  private Fault fault(FaultKind kind, long address, long pc, String what) {
    String location = image == null ? String.format("0x%08x", pc) : image.describeCodeAddress(pc);
    return new Fault(kind, address, pc, location, what + ", in " + location);
  }

  private int halfword(long address) {
    try {
      byte[] b = cpu.readMemory(address, 2);
      return (b[0] & 0xff) | ((b[1] & 0xff) << 8);
    } catch (IllegalStateException unreadable) {
      return -1;
    }
  }

  private int instructionLength(long pc) {
    return (halfword(pc) & 0xF800) >= 0xE800 ? 4 : 2;
  }

  private int word(long address) {
    try {
      return ByteBuffer.wrap(cpu.readMemory(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    } catch (IllegalStateException unreadable) {
      return 0;
    }
  }

  private String instructionHex(long pc) {
    int first = halfword(pc);
    if (first < 0) {
      return "????";
    }
    boolean wide = (first & 0xF800) >= 0xE800;
    return wide ? String.format("%04X%04X", first, halfword(pc + 2)) : String.format("%04X", first);
  }

  // ---- emulated time --------------------------------------------------------------------

  private final class MachineClock implements Clock {
    @Override
    public long cycles() {
      if (insideEngine || pausedInsideBlock) {
        int intoBlock = deviceAccesses.cyclesIntoBlock();
        if (intoBlock >= 0) {
          return counter.blockStartCycles() + intoBlock;
        }
        BlockCost cost = costs.costOf(counter.blockAddress(), counter.blockSize());
        long offset =
            Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC)) - counter.blockAddress();
        if (cost != null && offset >= 0 && offset < counter.blockSize()) {
          return counter.blockStartCycles() + cost.cyclesBeforeOffset((int) offset);
        }
      }
      return counter.cycles();
    }

    @Override
    public long coreFrequencyHz() {
      return coreHz.getAsLong();
    }

    @Override
    public ScheduledEvent scheduleAt(long atCycle, Runnable action) {
      return scheduler.schedule(atCycle, action);
    }

    @Override
    public void serveCycleCount(long address, boolean counting, long base) {
      counter.serveCycleCount(address, counting, base);
    }

    @Override
    public void serveTickCounter(
        long address,
        boolean counting,
        long anchorCycle,
        long anchorValue,
        long reload,
        long cyclesPerTick) {
      counter.serveTickCounter(address, counting, anchorCycle, anchorValue, reload, cyclesPerTick);
    }

    @Override
    public void serveClearOnRead(
        long address, long bits, long flagMask, boolean flag, long deviceFromCycle) {
      counter.serveClearOnRead(address, bits, flagMask, flag, deviceFromCycle);
    }

    @Override
    public void serveValue(long address, long value) {
      counter.serveValue(address, value);
    }

    @Override
    public boolean servedFlag(long address, boolean unserved) {
      return counter.servedFlag(address, unserved);
    }
  }

  /** Before a board installs its NVIC: nothing is ever pending. */
  private enum NoInterrupts implements InterruptController {
    INSTANCE;

    @Override
    public int highestPendingPreempting(int executionPriority) {
      return -1;
    }

    @Override
    public int priorityOf(int exceptionNumber) {
      return exceptionNumber == ExceptionNumber.SV_CALL ? 0 : 256;
    }

    @Override
    public void activate(int exceptionNumber) {}

    @Override
    public void deactivate(int exceptionNumber) {}

    @Override
    public void setPending(int exceptionNumber) {}

    @Override
    public long vectorTableBase() {
      return Stm32f746MemoryMap.FLASH_BASE;
    }
  }
}
