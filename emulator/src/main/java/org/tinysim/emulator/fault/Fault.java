package org.tinysim.emulator.fault;

/**
 * A stopped run's fault, with everything a report needs: what happened, where in memory, where in
 * code (ELF symbol + offset) and which region was involved.
 *
 * @param address faulting data address (or the PC for fetch faults), -1 if none
 * @param pc program counter of the faulting instruction (best known)
 * @param location function and offset of {@code pc}, e.g. "conv2d_s8+0x3c"
 * @param detail the full human-readable report line
 * @param context the rest of the report ({@link FaultContext}): active exception, registers,
 *     stacked frame, call chain, disassembly; empty when not built
 */
public record Fault(
    FaultKind kind, long address, long pc, String location, String detail, String context) {

  public Fault(FaultKind kind, long address, long pc, String location, String detail) {
    this(kind, address, pc, location, detail, "");
  }

  public Fault withContext(String text) {
    return new Fault(kind, address, pc, location, detail, text);
  }

  @Override
  public String toString() {
    return kind.description() + ": " + detail;
  }
}
