package org.tinysim.peripherals.registers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One word-aligned register made of fields and tags. Bits covered by neither are reserved: they
 * read as the reset value and ignore writes. Build instances with {@link RegisterBank#define}.
 */
public final class Register {
  private static final Logger LOG = Logger.getLogger(Register.class.getName());

  private final String device;
  private final String name;
  private final long offset;
  private final long resetValue;
  private final List<Field> fields;
  private final Map<String, Field> fieldsByName = new HashMap<>();
  private final List<Tag> tags;
  private final LongPredicate writeGuard;
  private final List<LongConsumer> afterWrite;
  private final long fieldBits;

  private Register(Builder builder) {
    this.device = builder.bank.deviceName();
    this.name = builder.name;
    this.offset = builder.offset;
    this.resetValue = builder.resetValue;
    this.fields = List.copyOf(builder.fields);
    this.tags = List.copyOf(builder.tags);
    this.writeGuard = builder.writeGuard;
    this.afterWrite = List.copyOf(builder.afterWrite);
    this.fieldBits = fields.stream().mapToLong(Field::mask).reduce(0, (a, b) -> a | b);
    for (Field field : fields) {
      if (fieldsByName.put(field.name(), field) != null) {
        throw new IllegalArgumentException(
            device + "." + name + " declares field " + field.name() + " twice");
      }
    }
  }

  public String name() {
    return name;
  }

  public long offset() {
    return offset;
  }

  public long resetValue() {
    return resetValue;
  }

  public List<Field> fields() {
    return fields;
  }

  /**
   * The field called {@code fieldName}; throws if the register has none. For tools and tests:
   * devices keep the typed handles the builder hands out, so a misspelt field cannot compile.
   */
  public Field field(String fieldName) {
    Field field = fieldsByName.get(fieldName);
    if (field == null) {
      throw new IllegalArgumentException(device + "." + name + " has no field " + fieldName);
    }
    return field;
  }

  /** Value of the whole register as the device sees it, without read side effects. */
  public long value() {
    long result = resetValue & ~fieldBits;
    for (Field field : fields) {
      result |= field.value() << field.lsb();
    }
    return result & 0xFFFF_FFFFL;
  }

  /** Bus read of the bits in {@code laneBits}; read-to-clear fields in those lanes are cleared. */
  long read(long laneBits) {
    long result = resetValue & ~fieldBits;
    for (Field field : fields) {
      if ((field.mask() & laneBits) != 0) {
        result |= field.readForBus() << field.lsb();
      }
    }
    return result & laneBits;
  }

  /** Bus write of {@code value} to the bits in {@code laneBits}; other bits keep their state. */
  void write(long value, long laneBits) {
    if (writeGuard != null && !writeGuard.test(value)) {
      LOG.log(
          Level.FINE, () -> String.format("%s: write 0x%08X to %s rejected", device, value, name));
      return;
    }
    logReservedWrites(value, laneBits);
    for (Field field : fields) {
      if ((field.mask() & laneBits) != 0) {
        field.writeFromBus(value >>> field.lsb(), laneBits >>> field.lsb());
      }
    }
    for (LongConsumer listener : afterWrite) {
      listener.accept(value & laneBits);
    }
  }

  void reset() {
    fields.forEach(Field::reset);
  }

  private void logReservedWrites(long value, long laneBits) {
    for (Tag tag : tags) {
      long changed = (value ^ resetValue) & tag.mask() & laneBits;
      if (changed != 0) {
        LOG.info(
            () ->
                String.format(
                    "%s: write 0x%X to unmodelled bits %s.%s ignored",
                    device, (value & tag.mask()) >>> tag.lsb(), name, tag.name()));
      }
    }
    long reserved = ~fieldBits & ~tagBits() & laneBits & 0xFFFF_FFFFL;
    if (((value ^ resetValue) & reserved) != 0) {
      LOG.fine(
          () -> String.format("%s: write 0x%08X sets reserved bits of %s", device, value, name));
    }
  }

  private long tagBits() {
    return tags.stream().mapToLong(Tag::mask).reduce(0, (a, b) -> a | b);
  }

  /** A named range of bits that exists on the chip but is not modelled. */
  record Tag(String name, int lsb, int width) {
    long mask() {
      return ((1L << width) - 1) << lsb;
    }
  }

  /**
   * Declares a register's fields once; {@link #build()} checks the layout and adds it to the bank.
   */
  public static final class Builder {
    private final RegisterBank bank;
    private final String name;
    private final long offset;
    private final List<Field> fields = new ArrayList<>();
    private final List<Tag> tags = new ArrayList<>();
    private final List<LongConsumer> afterWrite = new ArrayList<>();
    private long resetValue;
    private int widthBits = 32;
    private LongPredicate writeGuard;
    private Field lastField;

    Builder(RegisterBank bank, String name, long offset) {
      this.bank = bank;
      this.name = name;
      this.offset = offset;
    }

    /** Must come before the fields, which take their reset values from it. */
    public Builder resetValue(long value) {
      if (!fields.isEmpty()) {
        throw new IllegalStateException(
            "register " + name + ": resetValue must precede the fields");
      }
      this.resetValue = value & 0xFFFF_FFFFL;
      return this;
    }

    /** Number of implemented bits (8, 16 or 32); fields beyond it are rejected. */
    public Builder width(int bits) {
      if (bits != 8 && bits != 16 && bits != 32) {
        throw new IllegalArgumentException(
            "register " + name + ": width must be 8, 16 or 32, not " + bits);
      }
      this.widthBits = bits;
      return this;
    }

    public Builder field(String fieldName, int lsb, int width, Set<Access> access) {
      checkRange(fieldName, lsb, width);
      lastField = new Field(fieldName, lsb, width, access, resetValue >>> lsb);
      fields.add(lastField);
      return this;
    }

    /**
     * Declares a field and hands it to {@code handle}, so the device keeps a typed reference to it.
     */
    public Builder field(
        String fieldName, int lsb, int width, Set<Access> access, Consumer<Field> handle) {
      field(fieldName, lsb, width, access);
      handle.accept(lastField);
      return this;
    }

    /** Shorthand for a one-bit field. */
    public Builder flag(String fieldName, int bit, Set<Access> access) {
      return field(fieldName, bit, 1, access);
    }

    public Builder flag(String fieldName, int bit, Set<Access> access, Consumer<Field> handle) {
      return field(fieldName, bit, 1, access, handle);
    }

    /** Declares bits that exist on the chip but are not modelled; writes to them are logged. */
    public Builder tag(String tagName, int lsb, int width) {
      checkRange(tagName, lsb, width);
      tags.add(new Tag(tagName, lsb, width));
      return this;
    }

    /** Makes the last declared field compute its value on every read. */
    public Builder readsAs(LongSupplier provider) {
      requireField("readsAs").readsFrom(provider);
      return this;
    }

    /** Runs {@code listener} with the written field value on every bus write to the last field. */
    public Builder onWrite(LongConsumer listener) {
      requireField("onWrite").addWriteListener(listener);
      return this;
    }

    /** Runs {@code listener} when a bus write changed the last field's stored value. */
    public Builder onChange(FieldChangeListener listener) {
      requireField("onChange").addChangeListener(listener);
      return this;
    }

    /** Whole-register write filter: writes for which it answers false are dropped. */
    public Builder acceptWritesIf(LongPredicate guard) {
      this.writeGuard = guard;
      return this;
    }

    /** Runs after every accepted bus write, with the written register value. */
    public Builder afterWrite(LongConsumer listener) {
      afterWrite.add(listener);
      return this;
    }

    public Register build() {
      Register register = new Register(this);
      bank.add(register);
      return register;
    }

    private Field requireField(String what) {
      if (lastField == null) {
        throw new IllegalStateException(
            "register " + name + ": " + what + " called before any field");
      }
      return lastField;
    }

    private void checkRange(String what, int lsb, int width) {
      if (width < 1 || lsb < 0 || lsb + width > widthBits) {
        throw new IllegalArgumentException(
            String.format(
                "register %s: %s bits [%d:%d] do not fit a %d-bit register",
                name, what, lsb + width - 1, lsb, widthBits));
      }
      long mask = ((1L << width) - 1) << lsb;
      for (Field field : fields) {
        if ((field.mask() & mask) != 0) {
          throw new IllegalArgumentException(
              String.format("register %s: %s overlaps field %s", name, what, field));
        }
      }
      for (Tag tag : tags) {
        if ((tag.mask() & mask) != 0) {
          throw new IllegalArgumentException(
              String.format("register %s: %s overlaps tag %s", name, what, tag.name()));
        }
      }
    }
  }
}
