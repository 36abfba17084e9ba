package org.tinysim.emulator.exceptions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;

/**
 * ARMv7-M exception entry, return and tail-chaining, done by the host because Unicorn 2.0.1
 * performs none of them for M-profile cores. Sources: [ARM] ARMv7-M Architecture Reference Manual
 * (DDI 0403E), [TRM] Cortex-M7 Technical Reference Manual (DDI 0489), [M4] Cortex-M4 TRM (DDI
 * 0439).
 *
 * <ol>
 *   <li><b>Entry</b> [ARM B1.5.6 PushStack, ExceptionTaken]: the frame goes on the PSP when thread
 *       mode runs with CONTROL.SPSEL = 1, else on the MSP; 8 words, or 26 when CONTROL.FPCA = 1
 *       (S0-S15, FPSCR, one reserved word); the frame is 8-byte aligned and xPSR bit 9 records the
 *       4 bytes of padding (CCR.STKALIGN is 1 on the M7). LR = EXC_RETURN = {@code 0xFFFFFFE1 |
 *       !FPCA << 4 | thread << 3 | SPSEL << 2}; then IPSR = the exception, CONTROL.SPSEL = 0 (the
 *       handler runs on the MSP), CONTROL.FPCA = 0, CONTROL.nPRIV unchanged,
 *       PRIMASK/FAULTMASK/BASEPRI unchanged, PC = vector.
 *   <li><b>Lazy FP preservation</b> [ARM B1.5.6 PushStack and UpdateFPCCR pseudocode; FPCCR
 *       register]: with FPCA = 1 and FPCCR.LSPEN = 1 the FP part of the frame is reserved, FPCAR =
 *       frame + 0x20 and FPCCR.LSPACT/USER/THREAD/HFRDY/MMRDY/BFRDY/MONRDY are set; with LSPEN = 0
 *       S0-S15/FPSCR are stored at once. Unicorn cannot trap the handler's first FP instruction, so
 *       the values the lazy save would store are written at entry too (the registers cannot change
 *       before that instruction); the return restores from the frame and clears LSPACT. Visible
 *       differences: the reserved words hold the values early, and LSPACT stays 1 until the return.
 *   <li><b>EXC_RETURN</b> [ARM B1.5.8 ExceptionReturn]: the value the handler branches to (BX LR,
 *       POP/LDR/LDM into PC), not the one made at entry, decides the return: bits [3:0] 0001 =
 *       handler/MSP, 1001 = thread/MSP, 1101 = thread/PSP, bit 4 = 0 for the FP frame. Integrity
 *       checks, each an INVPC UsageFault: bits [27:5] not all ones, any other [3:0], a return to
 *       thread mode while other exceptions are active (CCR.NONBASETHRDENA = 0, its reset value), a
 *       stacked IPSR of 0 on a return to handler mode or non-zero on a return to thread mode, and a
 *       stacked EPSR.T of 0 (INVSTATE).
 *   <li><b>Return</b> [ARM B1.5.8 PopStack]: R0-R3, R12, LR, PC, xPSR (APSR incl. GE, IPSR, EPSR)
 *       from the frame on the stack EXC_RETURN names, FP part when bit 4 = 0; SP += frame size, + 4
 *       when stacked xPSR bit 9 is set; CONTROL.SPSEL = EXC_RETURN[2], CONTROL.FPCA =
 *       !EXC_RETURN[4].
 *   <li><b>Tail-chaining</b> [ARM B1.5.12 "Exceptions on exception return, and tail-chaining"; M4
 *       3.9]: when, at a return, a pending exception can preempt the priority being returned to, it
 *       is entered without unstacking: the frame stays, its LR is the same EXC_RETURN.
 *   <li><b>Execution priority</b> [ARM B1.5.4]: the most urgent group priority of the active
 *       exceptions, BASEPRI when non-zero, 0 with PRIMASK, -1 with FAULTMASK; an exception preempts
 *       only with a strictly more urgent group priority.
 *   <li><b>Timing</b> [TRM, "Interrupt latency": 12 cycles]: entry 12 cycles, return 10 and a
 *       tail-chain 6 (the Cortex-M4 figures [M4 3.9]; the M7 TRM gives only the entry latency).
 * </ol>
 *
 * Unicorn facts this depends on (tested in ExceptionUnitTest): SP is banked by IPSR writes
 * (entering or leaving handler mode) and by CONTROL.SPSEL writes, but SPSEL writes are ignored
 * while IPSR != 0 and CONTROL/MSP/PSP writes and MSP/PSP reads are ignored in unprivileged thread
 * mode, so mode changes go through privileged thread mode ({@link #setMode}).
 */
public final class ExceptionUnit {
  public static final int ENTRY_CYCLES = 12;
  public static final int RETURN_CYCLES = 10;
  public static final int TAIL_CHAIN_CYCLES = 6;

  static final int CONTROL_NPRIV = 1;
  static final int CONTROL_SPSEL = 1 << 1;
  static final int CONTROL_FPCA = 1 << 2;
  private static final int XPSR_SP_REALIGNED = 1 << 9;
  private static final int XPSR_THUMB = 1 << 24;
  private static final int BASIC_FRAME = 32;
  private static final int FP_FRAME = 104;
  private static final CoreRegister[] STACKED = {
    CoreRegister.R0,
    CoreRegister.R1,
    CoreRegister.R2,
    CoreRegister.R3,
    CoreRegister.R12,
    CoreRegister.LR
  };

  private final CpuBackend cpu;
  private final InterruptController controller;
  private final FpContextControl fp;
  private final Deque<Integer> active = new ArrayDeque<>();

  /** Address of each frame stacked, innermost first (a tail-chain or late arrival reuses one). */
  private final Deque<Integer> frames = new ArrayDeque<>();

  private long deepestMainFrame = Long.MAX_VALUE;

  /** What an exception return did. */
  public enum ReturnOutcome {
    RETURNED,
    TAIL_CHAINED
  }

  /** An exception return the architecture turns into a UsageFault; the core state is unchanged. */
  public static final class InvalidReturn extends RuntimeException {
    private final UsageFaultCause cause;

    InvalidReturn(UsageFaultCause cause, String message) {
      super(message);
      this.cause = cause;
    }

    public UsageFaultCause usageFault() {
      return cause;
    }
  }

  public ExceptionUnit(CpuBackend cpu, InterruptController controller) {
    this(cpu, controller, FpContextControl.detached());
  }

  public ExceptionUnit(CpuBackend cpu, InterruptController controller, FpContextControl fp) {
    this.cpu = cpu;
    this.controller = controller;
    this.fp = fp;
  }

  /** Current execution priority: the most urgent active exception or mask (ARMv7-M B1.5.4). */
  public int executionPriority() {
    int priority = activePriority();
    int basepri = cpu.readRegister(CoreRegister.BASEPRI) & 0xff;
    if (basepri != 0) {
      priority = Math.min(priority, basepri);
    }
    if ((cpu.readRegister(CoreRegister.PRIMASK) & 1) != 0) {
      priority = Math.min(priority, 0);
    }
    if ((cpu.readRegister(CoreRegister.FAULTMASK) & 1) != 0) {
      priority = Math.min(priority, -1);
    }
    return priority;
  }

  /**
   * The priority a pending exception must beat to wake WFI: as {@link #executionPriority()} but
   * with PRIMASK taken as 0 [ARM, WFI: wake-up on an exception that would preempt if PRIMASK were
   * 0].
   */
  public int wakePriority() {
    int priority = activePriority();
    int basepri = cpu.readRegister(CoreRegister.BASEPRI) & 0xff;
    return basepri != 0 ? Math.min(priority, basepri) : priority;
  }

  /** Priority from the active exceptions alone (256 in thread mode): what the masks add to. */
  public int activePriority() {
    int priority = 256;
    for (int exception : active) {
      priority = Math.min(priority, controller.priorityOf(exception));
    }
    return priority;
  }

  /** The active exceptions, the running one first. */
  public List<Integer> activeExceptions() {
    return List.copyOf(active);
  }

  /**
   * Address of the running handler's exception frame (R0-R3, R12, LR, PC, xPSR), or -1 in thread
   * mode.
   */
  public long currentFrame() {
    return frames.isEmpty() ? -1 : Integer.toUnsignedLong(frames.peek());
  }

  public boolean inHandler() {
    return !active.isEmpty();
  }

  /** Takes the most urgent pending exception that may preempt now; returns its number or -1. */
  public int takePending(int returnAddress) {
    int exception = controller.highestPendingPreempting(executionPriority());
    if (exception < 0) {
      return -1;
    }
    enter(exception, returnAddress);
    return exception;
  }

  /**
   * Late arrival [ARM B1.5.11 "Exceptions on exception entry"; M4 3.9]: called before the first
   * instruction of the handler just entered; a pending exception that may preempt it takes its
   * place on the same frame, and the displaced one is pending again (it tail-chains later). Returns
   * the new exception or -1.
   */
  public int takeLateArrival() {
    if (active.isEmpty()) {
      return -1;
    }
    int entered = active.peek();
    int later = controller.highestPendingPreempting(executionPriority());
    if (later < 0) {
      return -1;
    }
    active.pop();
    controller.deactivate(entered);
    controller.setPending(entered);
    activate(later);
    cpu.writeRegister(CoreRegister.IPSR, later);
    cpu.writeRegister(CoreRegister.PC, vector(later) | 1);
    return later;
  }

  /** Exception entry (also synchronous, e.g. SVC), with {@code returnAddress} the stacked PC. */
  public void enter(int exception, int returnAddress) {
    Mode before = readMode();
    boolean thread = before.ipsr() == 0;
    boolean onProcessStack = thread && (before.control() & CONTROL_SPSEL) != 0;
    boolean fpFrame = (before.control() & CONTROL_FPCA) != 0;
    int sp = onProcessStack ? before.psp() : before.msp();
    int frameSize = fpFrame ? FP_FRAME : BASIC_FRAME;
    int frame = (sp - frameSize) & ~7;
    int xpsr = cpu.readRegister(CoreRegister.XPSR);
    xpsr = (sp & 4) != 0 ? xpsr | XPSR_SP_REALIGNED : xpsr & ~XPSR_SP_REALIGNED;

    ByteBuffer bytes = ByteBuffer.allocate(frameSize).order(ByteOrder.LITTLE_ENDIAN);
    for (CoreRegister r : STACKED) {
      bytes.putInt(cpu.readRegister(r));
    }
    bytes.putInt(returnAddress & ~1);
    bytes.putInt(xpsr);
    if (fpFrame) {
      for (int i = 0; i < 16; i++) {
        bytes.putInt(cpu.readRegister(CoreRegister.fpCallerSaved(i)));
      }
      bytes.putInt(cpu.readRegister(CoreRegister.FPSCR));
      bytes.putInt(0);
      if ((fp.fpccr() & FpContextControl.LSPEN) != 0) {
        deferFpSave(frame, thread, before.control());
      }
    }
    cpu.writeMemory(Integer.toUnsignedLong(frame), bytes.array());
    if (!onProcessStack) {
      deepestMainFrame = Math.min(deepestMainFrame, Integer.toUnsignedLong(frame));
    }

    int excReturn =
        0xFFFFFFE1 | (fpFrame ? 0 : 0x10) | (thread ? 0x8 : 0) | (onProcessStack ? 0x4 : 0);
    setMode(
        new Mode(
            exception,
            before.control() & ~(CONTROL_SPSEL | CONTROL_FPCA),
            onProcessStack ? before.msp() : frame,
            onProcessStack ? frame : before.psp()));
    activate(exception);
    frames.push(frame);
    cpu.writeRegister(CoreRegister.LR, excReturn);
    cpu.writeRegister(CoreRegister.PC, vector(exception) | 1);
  }

  /** FPCCR bits of a lazy save [ARM UpdateFPCCR pseudocode]: LSPACT and whose FP state it is. */
  private void deferFpSave(int frame, boolean thread, int control) {
    int fpccr =
        fp.fpccr()
            & ~(FpContextControl.LSPACT
                | FpContextControl.USER
                | FpContextControl.THREAD
                | FpContextControl.HFRDY
                | FpContextControl.MMRDY
                | FpContextControl.BFRDY
                | FpContextControl.MONRDY);
    fpccr |= FpContextControl.LSPACT;
    if (thread && (control & CONTROL_NPRIV) != 0) {
      fpccr |= FpContextControl.USER;
    }
    if (thread) {
      fpccr |= FpContextControl.THREAD;
    }
    int priority = executionPriority();
    fpccr |= FpContextControl.HFRDY; // HardFault (-1) can always preempt below FAULTMASK
    if (controller.priorityOf(ExceptionNumber.MEM_MANAGE) < priority) {
      fpccr |= FpContextControl.MMRDY;
    }
    if (controller.priorityOf(ExceptionNumber.BUS_FAULT) < priority) {
      fpccr |= FpContextControl.BFRDY;
    }
    if (controller.priorityOf(ExceptionNumber.DEBUG_MONITOR) < priority) {
      fpccr |= FpContextControl.MONRDY;
    }
    fp.setFpccr(fpccr);
    fp.setFpcar(frame + BASIC_FRAME);
  }

  /**
   * Exception return with the EXC_RETURN value the handler branched to. Throws {@link
   * InvalidReturn} (leaving the core as it was) when the architecture raises an INVPC/INVSTATE
   * UsageFault instead.
   */
  public ReturnOutcome exceptionReturn(int excReturn) {
    Mode now = readMode();
    if (active.isEmpty() || now.ipsr() == 0) {
      throw new IllegalStateException("EXC_RETURN branch while in thread mode");
    }
    if ((excReturn & 0xFFFFFFE0) != 0xFFFFFFE0) {
      throw invalid(excReturn, "bits [27:5] are not all ones");
    }
    int kind = excReturn & 0xF;
    if (kind != 0x1 && kind != 0x9 && kind != 0xD) {
      throw invalid(excReturn, String.format("bits [3:0] = 0x%X name no return mode", kind));
    }
    boolean toThread = kind != 0x1;
    if (toThread && active.size() != 1) {
      throw invalid(
          excReturn,
          "return to thread mode with "
              + (active.size() - 1)
              + " other exception(s) still active (CCR.NONBASETHRDENA = 0)");
    }
    boolean toProcessStack = kind == 0xD;
    boolean fpFrame = (excReturn & 0x10) == 0;
    int frame = toProcessStack ? now.psp() : now.msp();
    ByteBuffer bytes =
        ByteBuffer.wrap(
                cpu.readMemory(Integer.toUnsignedLong(frame), fpFrame ? FP_FRAME : BASIC_FRAME))
            .order(ByteOrder.LITTLE_ENDIAN);
    int stackedXpsr = bytes.getInt(28);
    int stackedIpsr = stackedXpsr & 0x1FF;
    if (!toThread && stackedIpsr == 0) {
      throw invalid(
          excReturn,
          String.format("return to handler mode but the frame at 0x%08X holds IPSR 0", frame));
    }
    if (toThread && stackedIpsr != 0) {
      throw invalid(
          excReturn,
          String.format(
              "return to thread mode but the frame at 0x%08X holds IPSR %d", frame, stackedIpsr));
    }
    if ((stackedXpsr & XPSR_THUMB) == 0) {
      throw new InvalidReturn(
          UsageFaultCause.INVSTATE,
          String.format(
              "exception return with EXC_RETURN 0x%08X: the frame at 0x%08X holds xPSR 0x%08X with the Thumb bit clear",
              excReturn, frame, stackedXpsr));
    }

    int returning = active.pop();
    controller.deactivate(returning);
    int chained = controller.highestPendingPreempting(Math.min(activePriority(), maskPriority()));
    if (chained >= 0) {
      setMode(new Mode(chained, now.control() & ~CONTROL_FPCA, now.msp(), now.psp()));
      activate(chained);
      cpu.writeRegister(CoreRegister.LR, excReturn);
      cpu.writeRegister(CoreRegister.PC, vector(chained) | 1);
      return ReturnOutcome.TAIL_CHAINED;
    }

    frames.poll();
    for (CoreRegister r : STACKED) {
      cpu.writeRegister(r, bytes.getInt());
    }
    int pc = bytes.getInt();
    bytes.getInt();
    int control = now.control() & ~(CONTROL_SPSEL | CONTROL_FPCA);
    if (fpFrame) {
      for (int i = 0; i < 16; i++) {
        cpu.writeRegister(CoreRegister.fpCallerSaved(i), bytes.getInt());
      }
      cpu.writeRegister(CoreRegister.FPSCR, bytes.getInt());
      fp.setFpccr(fp.fpccr() & ~FpContextControl.LSPACT);
      control |= CONTROL_FPCA;
    }
    if (toProcessStack) {
      control |= CONTROL_SPSEL;
    }
    int newSp =
        frame
            + (fpFrame ? FP_FRAME : BASIC_FRAME)
            + ((stackedXpsr & XPSR_SP_REALIGNED) != 0 ? 4 : 0);
    setMode(
        new Mode(
            stackedIpsr,
            control,
            toProcessStack ? now.msp() : newSp,
            toProcessStack ? newSp : now.psp()));
    cpu.writeRegister(CoreRegister.XPSR_NZCVQG, stackedXpsr & ~XPSR_SP_REALIGNED);
    cpu.writeRegister(CoreRegister.PC, pc | 1);
    return ReturnOutcome.RETURNED;
  }

  private InvalidReturn invalid(int excReturn, String why) {
    return new InvalidReturn(
        UsageFaultCause.INVPC,
        String.format("exception return with EXC_RETURN 0x%08X: %s", excReturn, why));
  }

  private int maskPriority() {
    int priority = 256;
    int basepri = cpu.readRegister(CoreRegister.BASEPRI) & 0xff;
    if (basepri != 0) {
      priority = basepri;
    }
    if ((cpu.readRegister(CoreRegister.PRIMASK) & 1) != 0) {
      priority = Math.min(priority, 0);
    }
    if ((cpu.readRegister(CoreRegister.FAULTMASK) & 1) != 0) {
      priority = -1;
    }
    return priority;
  }

  private void activate(int exception) {
    active.push(exception);
    controller.activate(exception);
  }

  /** Lowest address an exception frame on the main stack occupied (for the stack watermark). */
  public long deepestFrameAddress() {
    return deepestMainFrame;
  }

  /** True when thread mode runs on the process stack (CONTROL.SPSEL = 1, IPSR = 0). */
  public boolean onProcessStack() {
    return (cpu.readRegister(CoreRegister.IPSR) & 0x1FF) == 0
        && (cpu.readRegister(CoreRegister.CONTROL) & CONTROL_SPSEL) != 0;
  }

  /** IPSR, CONTROL and both stack pointers. */
  record Mode(int ipsr, int control, int msp, int psp) {}

  Mode readMode() {
    int ipsr = cpu.readRegister(CoreRegister.IPSR) & 0x1FF;
    int control = cpu.readRegister(CoreRegister.CONTROL);
    if (ipsr == 0 && (control & CONTROL_NPRIV) != 0) {
      // Unprivileged thread mode reads MSP/PSP as 0: look from handler mode (an IPSR write
      // re-banks SP, so both read correctly there).
      cpu.writeRegister(CoreRegister.IPSR, 1);
      int msp = cpu.readRegister(CoreRegister.MSP);
      int psp = cpu.readRegister(CoreRegister.PSP);
      cpu.writeRegister(CoreRegister.IPSR, 0);
      return new Mode(0, control, msp, psp);
    }
    return new Mode(
        ipsr, control, cpu.readRegister(CoreRegister.MSP), cpu.readRegister(CoreRegister.PSP));
  }

  /**
   * Puts the core in {@code target}. Unicorn banks SP only when CONTROL.SPSEL is written in
   * privileged thread mode, so every change passes through that state.
   */
  void setMode(Mode target) {
    int ipsr = cpu.readRegister(CoreRegister.IPSR) & 0x1FF;
    int control = cpu.readRegister(CoreRegister.CONTROL);
    if (ipsr != 0) {
      cpu.writeRegister(CoreRegister.CONTROL, control & ~CONTROL_NPRIV);
      cpu.writeRegister(CoreRegister.IPSR, 0);
    } else if ((control & CONTROL_NPRIV) != 0) {
      cpu.writeRegister(CoreRegister.IPSR, 1);
      cpu.writeRegister(CoreRegister.CONTROL, control & ~CONTROL_NPRIV);
      cpu.writeRegister(CoreRegister.IPSR, 0);
    }
    cpu.writeRegister(CoreRegister.CONTROL, target.control() & ~CONTROL_NPRIV);
    cpu.writeRegister(CoreRegister.MSP, target.msp());
    cpu.writeRegister(CoreRegister.PSP, target.psp());
    cpu.writeRegister(CoreRegister.CONTROL, target.control());
    if (target.ipsr() != 0) {
      cpu.writeRegister(CoreRegister.IPSR, target.ipsr());
    }
  }

  private int vector(int exception) {
    long address = controller.vectorTableBase() + 4L * exception;
    return ByteBuffer.wrap(cpu.readMemory(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }
}
