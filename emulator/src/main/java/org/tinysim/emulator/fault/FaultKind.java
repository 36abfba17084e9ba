package org.tinysim.emulator.fault;

/** Why a run stopped abnormally. */
public enum FaultKind {
  READ_UNMAPPED("read of unmapped memory"),
  WRITE_UNMAPPED("write to unmapped memory"),
  FETCH_UNMAPPED("instruction fetch from unmapped memory"),
  WRITE_TO_READ_ONLY("write to read-only memory"),
  FETCH_FROM_NON_EXECUTABLE("instruction fetch from non-executable memory"),
  DEVICE_HOLE("access to an unmodelled address inside a peripheral page"),
  UNALIGNED_ACCESS("unaligned access"),
  UNDEFINED_INSTRUCTION("undefined instruction"),
  STACK_OVERFLOW("stack overflow"),
  CYCLE_BUDGET_EXCEEDED("cycle budget exceeded"),
  INSTRUCTION_BUDGET_EXCEEDED("instruction budget exceeded"),
  BREAKPOINT("breakpoint"),
  DEADLOCK("WFI with no interrupt that could ever wake the core"),
  UNSUPPORTED("unsupported by the emulator"),
  ENGINE_ERROR("emulation engine error"),
  USAGE_FAULT("UsageFault"),
  LOCKUP("lockup (a fault the core could not take)");

  private final String description;

  FaultKind(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
