package org.tinysim.peripherals.gpio;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.emulator.time.Clock;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * One GPIO port (GPIOA at 0x40020000, each next port 0x400 higher). Output changes, through ODR or
 * BSRR, are reported to pin listeners with the emulated cycle. IDR shows the ODR bit of output pins
 * and, for other pins, the level the host drives or else the pull resistor's level. Alternate
 * functions and the LCKR lock sequence are stored but have no effect.
 */
public final class GpioPort extends RegisterDevice {
  public static final long GPIOA_BASE = 0x40020000L;
  public static final long PORT_STRIDE = 0x400L;
  private static final int PINS = 16;
  private static final long MODE_OUTPUT = 1;
  private static final long PULL_UP = 1;

  enum Reg implements RegisterOffset {
    Moder(0x00),
    Otyper(0x04),
    Ospeedr(0x08),
    Pupdr(0x0C),
    Idr(0x10),
    Odr(0x14),
    Bsrr(0x18),
    Lckr(0x1C),
    Afrl(0x20),
    Afrh(0x24);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final char letter;
  private final Clock clock;
  private final List<PinChangeListener> listeners = new ArrayList<>();
  private Field pinModes;
  private Field pinPulls;
  private Field outputData;
  private int drivenMask;
  private int drivenLevels;

  /**
   * @param letter port letter 'A'..'K'
   */
  public GpioPort(char letter, Clock clock) {
    super("GPIO" + letter, 0x400);
    if (letter < 'A' || letter > 'K') {
      throw new IllegalArgumentException("the STM32F746 has GPIO ports A..K, not " + letter);
    }
    this.letter = letter;
    this.clock = clock;
    defineRegisters();
  }

  public static long baseOf(char letter) {
    return GPIOA_BASE + PORT_STRIDE * (letter - 'A');
  }

  public void addPinChangeListener(PinChangeListener listener) {
    listeners.add(listener);
  }

  public boolean outputLevel(int pin) {
    checkPin(pin);
    return (outputData.value() & (1L << pin)) != 0;
  }

  /** Host side: drives an input pin to {@code level}. */
  public void driveInput(int pin, boolean level) {
    checkPin(pin);
    drivenMask |= 1 << pin;
    drivenLevels = level ? drivenLevels | (1 << pin) : drivenLevels & ~(1 << pin);
  }

  /** Host side: stops driving a pin, leaving it to its pull resistor. */
  public void releaseInput(int pin) {
    checkPin(pin);
    drivenMask &= ~(1 << pin);
  }

  @Override
  public void reset() {
    super.reset();
    drivenMask = 0;
    drivenLevels = 0;
  }

  private void defineRegisters() {
    registers
        .define(Reg.Moder)
        .resetValue(moderReset())
        .field("MODER", 0, 32, Access.RW, f -> pinModes = f)
        .build();
    registers.define(Reg.Otyper).field("OT", 0, 16, Access.RW).build();
    registers
        .define(Reg.Ospeedr)
        .resetValue(ospeedrReset())
        .field("OSPEEDR", 0, 32, Access.RW)
        .build();
    registers
        .define(Reg.Pupdr)
        .resetValue(pupdrReset())
        .field("PUPDR", 0, 32, Access.RW, f -> pinPulls = f)
        .build();
    registers.define(Reg.Idr).field("IDR", 0, 16, Access.RO).readsAs(this::inputLevels).build();
    registers
        .define(Reg.Odr)
        .field("ODR", 0, 16, Access.RW, f -> outputData = f)
        .onChange(this::reportChanges)
        .build();
    registers
        .define(Reg.Bsrr)
        .field("BS", 0, 16, Access.WO)
        .field("BR", 16, 16, Access.WO)
        .afterWrite(this::setAndReset)
        .build();
    registers.define(Reg.Lckr).field("LCK", 0, 16, Access.RW).flag("LCKK", 16, Access.RW).build();
    registers.define(Reg.Afrl).field("AFRL", 0, 32, Access.RW).build();
    registers.define(Reg.Afrh).field("AFRH", 0, 32, Access.RW).build();
  }

  /** PA13/PA14/PA15 and PB3/PB4 come out of reset as the debug port's alternate functions. */
  private long moderReset() {
    return letter == 'A' ? 0xA8000000L : letter == 'B' ? 0x00000280L : 0;
  }

  private long ospeedrReset() {
    return letter == 'A' ? 0x0C000000L : letter == 'B' ? 0x000000C0L : 0;
  }

  private long pupdrReset() {
    return letter == 'A' ? 0x64000000L : letter == 'B' ? 0x00000100L : 0;
  }

  /** BSRR: set bits win over reset bits for the same pin. */
  private void setAndReset(long value) {
    long set = value & 0xFFFF;
    long clear = (value >>> 16) & 0xFFFF;
    long old = outputData.value();
    long updated = (old & ~clear) | set;
    if (updated != old) {
      outputData.set(updated);
      reportChanges(old, updated);
    }
  }

  private void reportChanges(long oldValue, long newValue) {
    long changed = oldValue ^ newValue;
    if (changed == 0 || listeners.isEmpty()) {
      return;
    }
    long cycle = clock.cycles();
    for (int pin = 0; pin < PINS; pin++) {
      if ((changed & (1L << pin)) != 0) {
        boolean level = (newValue & (1L << pin)) != 0;
        for (PinChangeListener listener : listeners) {
          listener.pinChanged(name(), pin, level, cycle);
        }
      }
    }
  }

  private long inputLevels() {
    long modes = pinModes.value();
    long pulls = pinPulls.value();
    long outputs = outputData.value();
    long levels = 0;
    for (int pin = 0; pin < PINS; pin++) {
      long mode = (modes >>> (2 * pin)) & 3;
      boolean high;
      if (mode == MODE_OUTPUT) {
        high = (outputs & (1L << pin)) != 0;
      } else if ((drivenMask & (1 << pin)) != 0) {
        high = (drivenLevels & (1 << pin)) != 0;
      } else {
        high = ((pulls >>> (2 * pin)) & 3) == PULL_UP;
      }
      if (high) {
        levels |= 1L << pin;
      }
    }
    return levels;
  }

  private static void checkPin(int pin) {
    if (pin < 0 || pin >= PINS) {
      throw new IllegalArgumentException("GPIO pin must be 0..15, not " + pin);
    }
  }
}
