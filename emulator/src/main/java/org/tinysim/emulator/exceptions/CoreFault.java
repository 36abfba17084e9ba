package org.tinysim.emulator.exceptions;

/**
 * A synchronous (or imprecise) fault the core raises, as the M7 would record it: which configurable
 * fault, its CFSR bits, the fault address for BFAR/MMFAR (-1 when the architecture leaves it
 * invalid) and the PC the exception frame stacks (ARMv7-M ARM B1.5.6: the faulting instruction for
 * a precise fault, a later one for an imprecise BusFault).
 *
 * @param exception 4 MemManage, 5 BusFault or 6 UsageFault
 * @param cfsrBits the CFSR bits of the cause
 * @param faultAddress BFAR/MMFAR value, -1 if not valid
 * @param stackedPc the return address in the frame
 */
public record CoreFault(int exception, long cfsrBits, long faultAddress, long stackedPc) {
  public static final long IACCVIOL = 1L;
  public static final long DACCVIOL = 1L << 1;
  public static final long IBUSERR = 1L << 8;
  public static final long PRECISERR = 1L << 9;
  public static final long IMPRECISERR = 1L << 10;
  public static final long HFSR_FORCED = 1L << 30;

  /** A load from unmapped memory: precise, BFAR holds the address. */
  public static CoreFault preciseBusFault(long address, long pc) {
    return new CoreFault(ExceptionNumber.BUS_FAULT, PRECISERR, address, pc);
  }

  /**
   * A store to unmapped memory: the M7 buffers stores to Normal memory, so the BusFault is
   * imprecise (no BFAR) and the frame holds the next instruction (Cortex-M7 TRM, "Store buffer").
   */
  public static CoreFault impreciseBusFault(long nextPc) {
    return new CoreFault(ExceptionNumber.BUS_FAULT, IMPRECISERR, -1, nextPc);
  }

  /** An instruction fetch that got a bus error (unmapped but executable region). */
  public static CoreFault instructionBusError(long pc) {
    return new CoreFault(ExceptionNumber.BUS_FAULT, IBUSERR, -1, pc);
  }

  /** An instruction fetch from an Execute Never region of the default memory map (no MMFAR). */
  public static CoreFault executeNever(long pc) {
    return new CoreFault(ExceptionNumber.MEM_MANAGE, IACCVIOL, -1, pc);
  }

  public static CoreFault usage(UsageFaultCause cause, long pc) {
    return new CoreFault(ExceptionNumber.USAGE_FAULT, 1L << cause.cfsrBit(), -1, pc);
  }

  /**
   * The default memory map's Execute Never regions (ARMv7-M ARM B3.1, Table B3-1): Peripheral
   * 0x40000000-0x5FFFFFFF, Device 0xA0000000-0xDFFFFFFF and System 0xE0000000 upwards.
   */
  public static boolean executeNeverRegion(long address) {
    return (address >= 0x40000000L && address < 0x60000000L) || address >= 0xA0000000L;
  }

  public String exceptionName() {
    return FaultRouting.name(exception);
  }
}
