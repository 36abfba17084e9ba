package org.tinysim.peripherals.registers;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** How the bus may touch a register field. A field combines one read mode with one write mode. */
public enum Access {
  READ,
  /** Reads clear the stored value after returning it. */
  READ_TO_CLEAR,
  WRITE,
  WRITE_ONE_TO_CLEAR,
  WRITE_ONE_TO_SET,
  WRITE_ZERO_TO_CLEAR;

  public static final Set<Access> RW = Collections.unmodifiableSet(EnumSet.of(READ, WRITE));
  public static final Set<Access> RO = Collections.unmodifiableSet(EnumSet.of(READ));
  public static final Set<Access> WO = Collections.unmodifiableSet(EnumSet.of(WRITE));
  public static final Set<Access> RW1C =
      Collections.unmodifiableSet(EnumSet.of(READ, WRITE_ONE_TO_CLEAR));
  public static final Set<Access> RW1S =
      Collections.unmodifiableSet(EnumSet.of(READ, WRITE_ONE_TO_SET));
  public static final Set<Access> RC = Collections.unmodifiableSet(EnumSet.of(READ, READ_TO_CLEAR));

  static final Set<Access> WRITE_MODES =
      Collections.unmodifiableSet(
          EnumSet.of(WRITE, WRITE_ONE_TO_CLEAR, WRITE_ONE_TO_SET, WRITE_ZERO_TO_CLEAR));
}
