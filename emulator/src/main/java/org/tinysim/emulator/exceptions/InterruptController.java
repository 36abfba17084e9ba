package org.tinysim.emulator.exceptions;

/**
 * The NVIC/SCB side of Cortex-M exception handling, as seen by the core. The core (which performs
 * exception entry and return, since Unicorn does not) asks it what to take and tells it what it
 * did. Exception numbers follow the architecture: 15 = SysTick, 16 + n = external IRQ n.
 */
public interface InterruptController {
  /**
   * The pending, enabled exception with the highest priority that is strictly higher (numerically
   * lower) than {@code executionPriority}, or -1 if none should preempt.
   */
  int highestPendingPreempting(int executionPriority);

  /** Configured priority of an exception (lower value = more urgent). */
  int priorityOf(int exceptionNumber);

  /**
   * The part of a priority value that decides preemption (AIRCR.PRIGROUP); all of it by default.
   */
  default int groupPriority(int priorityValue) {
    return priorityValue;
  }

  /** Exception entry: the exception leaves pending and becomes active. */
  void activate(int exceptionNumber);

  /** Exception return: the exception is no longer active. */
  void deactivate(int exceptionNumber);

  /** Makes an exception pending again (late arrival puts back the one it displaced). */
  void setPending(int exceptionNumber);

  /** Vector table base address (SCB->VTOR). */
  long vectorTableBase();
}
