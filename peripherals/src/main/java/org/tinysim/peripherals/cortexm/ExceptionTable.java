package org.tinysim.peripherals.cortexm;

import static org.tinysim.emulator.exceptions.ExceptionNumber.FIRST_IRQ;
import static org.tinysim.emulator.exceptions.ExceptionNumber.HARD_FAULT;
import static org.tinysim.emulator.exceptions.ExceptionNumber.MEM_MANAGE;
import static org.tinysim.emulator.exceptions.ExceptionNumber.NMI;
import static org.tinysim.emulator.exceptions.ExceptionNumber.USAGE_FAULT;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.tinysim.emulator.exceptions.InterruptController;
import org.tinysim.emulator.exceptions.InterruptSignal;

/**
 * Pending, active, enabled and priority state of every Cortex-M7 exception. The NVIC and SCB are
 * register views onto this one table; the core talks to it through {@link InterruptController}.
 */
public final class ExceptionTable implements InterruptController {
  /** The STM32F7 NVIC implements the upper four priority bits. */
  static final int IMPLEMENTED_PRIORITY_BITS = 0xF0;

  private final int irqCount;
  private final InterruptSignal signal;
  private final long resetVectorTable;
  private final boolean[] pending;
  private final boolean[] active;
  private final boolean[] enabled;
  private final boolean[] lineHigh;
  private final int[] priority;

  /** Active exceptions, most recently entered first, for VECTACTIVE and RETTOBASE. */
  private final Deque<Integer> activeStack = new ArrayDeque<>();

  private int priorityGrouping;
  private long vectorTable;

  public ExceptionTable(int irqCount, InterruptSignal signal, long resetVectorTable) {
    if (irqCount < 1 || irqCount > 496) {
      throw new IllegalArgumentException("an NVIC has 1..496 interrupts, not " + irqCount);
    }
    this.irqCount = irqCount;
    this.signal = signal;
    this.resetVectorTable = resetVectorTable;
    int count = FIRST_IRQ + irqCount;
    pending = new boolean[count];
    active = new boolean[count];
    enabled = new boolean[count];
    lineHigh = new boolean[irqCount];
    priority = new int[count];
    reset();
  }

  public void reset() {
    Arrays.fill(pending, false);
    Arrays.fill(active, false);
    Arrays.fill(enabled, false);
    Arrays.fill(lineHigh, false);
    Arrays.fill(priority, 0);
    activeStack.clear();
    priorityGrouping = 0;
    vectorTable = resetVectorTable;
  }

  public int irqCount() {
    return irqCount;
  }

  public int exceptionCount() {
    return FIRST_IRQ + irqCount;
  }

  // --- pending state -------------------------------------------------------------------------

  /**
   * Makes an exception pending. A disabled MemManage, BusFault or UsageFault escalates to
   * HardFault, as the architecture requires.
   */
  @Override
  public void setPending(int exception) {
    check(exception);
    int target = isConfigurableFault(exception) && !enabled[exception] ? HARD_FAULT : exception;
    pending[target] = true;
    signal.requestCheck();
  }

  /** Clears a pending exception; an IRQ whose line is still high pends again at once. */
  public void clearPending(int exception) {
    check(exception);
    pending[exception] = false;
    if (isIrq(exception) && lineHigh[exception - FIRST_IRQ] && !active[exception]) {
      pending[exception] = true;
    }
  }

  public boolean isPending(int exception) {
    check(exception);
    return pending[exception];
  }

  /** Level of external interrupt line {@code irq}: a rising level makes the IRQ pending. */
  public void irqLineChanged(int irq, boolean high) {
    checkIrq(irq);
    boolean rising = high && !lineHigh[irq];
    lineHigh[irq] = high;
    if (rising) {
      setPending(FIRST_IRQ + irq);
    }
  }

  // --- enable and priority -------------------------------------------------------------------

  /** Enables an IRQ (NVIC ISER) or a configurable fault (SHCSR); others are always enabled. */
  public void setEnabled(int exception, boolean enable) {
    check(exception);
    if (!isIrq(exception) && !isConfigurableFault(exception)) {
      throw new IllegalArgumentException(
          "exception " + exception + " cannot be enabled or disabled");
    }
    enabled[exception] = enable;
    if (enable && pending[exception]) {
      signal.requestCheck();
    }
  }

  public boolean isEnabled(int exception) {
    check(exception);
    if (isIrq(exception) || isConfigurableFault(exception)) {
      return enabled[exception];
    }
    return true;
  }

  /** Sets a configurable priority; unimplemented low bits are dropped as on the chip. */
  public void setPriority(int exception, int value) {
    check(exception);
    if (exception < MEM_MANAGE) {
      throw new IllegalArgumentException("exception " + exception + " has a fixed priority");
    }
    priority[exception] = value & IMPLEMENTED_PRIORITY_BITS;
    signal.requestCheck();
  }

  @Override
  public int priorityOf(int exceptionNumber) {
    check(exceptionNumber);
    switch (exceptionNumber) {
      case 1:
        return -3;
      case NMI:
        return -2;
      case HARD_FAULT:
        return -1;
      default:
        return priority[exceptionNumber];
    }
  }

  /** AIRCR.PRIGROUP: bits [PRIGROUP:0] of a priority are subpriority, the rest group priority. */
  public void setPriorityGrouping(int group) {
    if (group < 0 || group > 7) {
      throw new IllegalArgumentException("PRIGROUP is 0..7, not " + group);
    }
    priorityGrouping = group;
  }

  public int priorityGrouping() {
    return priorityGrouping;
  }

  /** The part of a priority that decides preemption. */
  public int groupPriority(int priorityValue) {
    if (priorityValue < 0 || priorityValue > 0xFF) {
      return priorityValue; // fixed negative priorities and the thread-mode base level
    }
    int subpriorityBits = (1 << (priorityGrouping + 1)) - 1;
    return priorityValue & ~subpriorityBits;
  }

  // --- the core's view -----------------------------------------------------------------------

  @Override
  public int highestPendingPreempting(int executionPriority) {
    int candidate = highestPending();
    if (candidate == 0) {
      return -1;
    }
    return groupPriority(priorityOf(candidate)) < groupPriority(executionPriority) ? candidate : -1;
  }

  /**
   * The pending enabled exception that would be taken next regardless of the current execution
   * priority (ICSR.VECTPENDING), or 0. Ties go to the lower exception number.
   */
  public int highestPending() {
    int best = 0;
    for (int exception = 1; exception < pending.length; exception++) {
      if (pending[exception]
          && isEnabled(exception)
          && (best == 0 || priorityOf(exception) < priorityOf(best))) {
        best = exception;
      }
    }
    return best;
  }

  @Override
  public void activate(int exceptionNumber) {
    check(exceptionNumber);
    pending[exceptionNumber] = false;
    active[exceptionNumber] = true;
    activeStack.remove(exceptionNumber);
    activeStack.push(exceptionNumber);
  }

  @Override
  public void deactivate(int exceptionNumber) {
    check(exceptionNumber);
    active[exceptionNumber] = false;
    activeStack.remove(exceptionNumber);
    if (isIrq(exceptionNumber) && lineHigh[exceptionNumber - FIRST_IRQ]) {
      setPending(exceptionNumber); // level-sensitive source still asserted
    }
  }

  public boolean isActive(int exception) {
    check(exception);
    return active[exception];
  }

  /** Exception number of the handler running now (ICSR.VECTACTIVE), 0 in thread mode. */
  public int currentActive() {
    Integer top = activeStack.peek();
    return top == null ? 0 : top;
  }

  public int activeCount() {
    return activeStack.size();
  }

  /** True if any external interrupt is pending (ICSR.ISRPENDING). */
  public boolean anyIrqPending() {
    for (int exception = FIRST_IRQ; exception < pending.length; exception++) {
      if (pending[exception]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long vectorTableBase() {
    return vectorTable;
  }

  public void setVectorTableBase(long address) {
    vectorTable = address & 0xFFFF_FF80L;
  }

  // --- helpers -------------------------------------------------------------------------------

  public boolean isIrq(int exception) {
    return exception >= FIRST_IRQ && exception < FIRST_IRQ + irqCount;
  }

  private static boolean isConfigurableFault(int exception) {
    return exception >= MEM_MANAGE && exception <= USAGE_FAULT;
  }

  private void check(int exception) {
    if (exception < 1 || exception >= FIRST_IRQ + irqCount) {
      throw new IllegalArgumentException(
          "exception number " + exception + " outside 1.." + (FIRST_IRQ + irqCount - 1));
    }
  }

  private void checkIrq(int irq) {
    if (irq < 0 || irq >= irqCount) {
      throw new IllegalArgumentException("IRQ " + irq + " outside 0.." + (irqCount - 1));
    }
  }
}
