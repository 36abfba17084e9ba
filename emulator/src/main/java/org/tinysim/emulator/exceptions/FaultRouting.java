package org.tinysim.emulator.exceptions;

/**
 * Where a fault the core raises goes (ARMv7-M ARM B1.5.14 "Fault behavior", B1.5.15 "Unrecoverable
 * exception cases"): to its configurable handler when SHCSR enables it and its group priority beats
 * the execution priority; otherwise it escalates to HardFault (HFSR.FORCED); when HardFault cannot
 * preempt either (HardFault or NMI active, or FAULTMASK set) the core locks up.
 */
public final class FaultRouting {
  /**
   * @param exception the exception taken (the fault's own, or 3 when escalated); -1 on lockup
   * @param forced escalated to HardFault
   * @param why why it escalated or locked up; empty when taken as raised
   */
  public record Decision(int exception, boolean forced, String why) {
    public boolean lockup() {
      return exception < 0;
    }
  }

  private FaultRouting() {}

  public static Decision route(
      CoreFault fault,
      FaultStatusRegisters status,
      InterruptController controller,
      int executionPriority) {
    int own = fault.exception();
    String why;
    if (!status.faultEnabled(own)) {
      why = name(own) + " is disabled in SHCSR";
    } else if (controller.groupPriority(controller.priorityOf(own))
        < controller.groupPriority(executionPriority)) {
      return new Decision(own, false, "");
    } else {
      why =
          String.format(
              "%s (priority %d) cannot preempt execution priority %d",
              name(own), controller.priorityOf(own), executionPriority);
    }
    if (controller.priorityOf(ExceptionNumber.HARD_FAULT) < executionPriority) {
      return new Decision(ExceptionNumber.HARD_FAULT, true, why);
    }
    return new Decision(
        -1,
        false,
        why
            + ", and HardFault cannot preempt execution priority "
            + executionPriority
            + (executionPriority == -2 ? " (in NMI)" : " (in HardFault or with FAULTMASK set)"));
  }

  /** "HardFault", "SysTick", "IRQ 5" (exception 21), ... */
  public static String name(int exception) {
    return switch (exception) {
      case 0 -> "Thread mode";
      case ExceptionNumber.RESET -> "Reset";
      case ExceptionNumber.NMI -> "NMI";
      case ExceptionNumber.HARD_FAULT -> "HardFault";
      case ExceptionNumber.MEM_MANAGE -> "MemManage";
      case ExceptionNumber.BUS_FAULT -> "BusFault";
      case ExceptionNumber.USAGE_FAULT -> "UsageFault";
      case ExceptionNumber.SV_CALL -> "SVCall";
      case ExceptionNumber.DEBUG_MONITOR -> "DebugMonitor";
      case ExceptionNumber.PEND_SV -> "PendSV";
      case ExceptionNumber.SYS_TICK -> "SysTick";
      default ->
          exception >= ExceptionNumber.FIRST_IRQ
              ? "IRQ " + (exception - ExceptionNumber.FIRST_IRQ)
              : "reserved exception " + exception;
    };
  }
}
