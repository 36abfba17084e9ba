package org.tinysim.peripherals.registers;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A named bit range of a register. Stores its own value unless a value provider computes it on
 * every read; bus writes are interpreted according to the field's {@link Access} modes.
 */
public final class Field {
  private final String name;
  private final int lsb;
  private final int width;
  private final Set<Access> access;
  private final long resetValue;
  private final List<LongConsumer> writeListeners = new ArrayList<>();
  private final List<FieldChangeListener> changeListeners = new ArrayList<>();
  private LongSupplier provider;
  private long value;

  Field(String name, int lsb, int width, Set<Access> access, long resetValue) {
    if (access.isEmpty()) {
      throw new IllegalArgumentException("field " + name + " needs at least one access mode");
    }
    long writeModes = access.stream().filter(Access.WRITE_MODES::contains).count();
    if (writeModes > 1) {
      throw new IllegalArgumentException("field " + name + " mixes write modes " + access);
    }
    if (access.contains(Access.READ_TO_CLEAR) && !access.contains(Access.READ)) {
      throw new IllegalArgumentException("field " + name + " is READ_TO_CLEAR but not READ");
    }
    this.name = name;
    this.lsb = lsb;
    this.width = width;
    this.access = EnumSet.copyOf(access);
    this.resetValue = resetValue & valueMask();
    this.value = this.resetValue;
  }

  public String name() {
    return name;
  }

  public int lsb() {
    return lsb;
  }

  public int width() {
    return width;
  }

  /** Mask of the field's bits in register position. */
  public long mask() {
    return valueMask() << lsb;
  }

  /** Current value as the device sees it (provider result if one is set). */
  public long value() {
    return provider != null ? provider.getAsLong() & valueMask() : value;
  }

  public boolean isSet() {
    return value() != 0;
  }

  /** Device-side update of the stored value; fires no listeners. */
  public void set(long newValue) {
    value = newValue & valueMask();
  }

  public void set(boolean flag) {
    set(flag ? 1 : 0);
  }

  void reset() {
    value = resetValue;
  }

  void readsFrom(LongSupplier valueProvider) {
    this.provider = valueProvider;
  }

  void addWriteListener(LongConsumer listener) {
    writeListeners.add(listener);
  }

  void addChangeListener(FieldChangeListener listener) {
    changeListeners.add(listener);
  }

  boolean isWritable() {
    return access.stream().anyMatch(Access.WRITE_MODES::contains);
  }

  long readForBus() {
    if (!access.contains(Access.READ)) {
      return 0;
    }
    long current = value();
    if (access.contains(Access.READ_TO_CLEAR)) {
      value = 0;
    }
    return current;
  }

  /**
   * Applies a bus write. {@code laneBits} says which bits of the field the access actually covered;
   * uncovered bits are replaced by the value that leaves them unchanged.
   */
  void writeFromBus(long written, long laneBits) {
    if (!isWritable()) {
      return;
    }
    long full = valueMask();
    long merged = ((written & laneBits) | (neutralValue() & ~laneBits)) & full;
    long old = value;
    if (access.contains(Access.WRITE)) {
      value = merged;
    } else if (access.contains(Access.WRITE_ONE_TO_CLEAR)) {
      value &= ~merged & full;
    } else if (access.contains(Access.WRITE_ONE_TO_SET)) {
      value |= merged;
    } else if (access.contains(Access.WRITE_ZERO_TO_CLEAR)) {
      value &= merged;
    }
    for (LongConsumer listener : writeListeners) {
      listener.accept(merged);
    }
    if (old != value) {
      for (FieldChangeListener listener : changeListeners) {
        listener.changed(old, value);
      }
    }
  }

  private long neutralValue() {
    if (access.contains(Access.WRITE)) {
      return value();
    }
    return access.contains(Access.WRITE_ZERO_TO_CLEAR) ? valueMask() : 0;
  }

  private long valueMask() {
    return width == 64 ? -1L : (1L << width) - 1;
  }

  @Override
  public String toString() {
    return name + "[" + (lsb + width - 1) + ":" + lsb + "]";
  }
}
