package org.tinysim.peripherals.usart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import org.tinysim.peripherals.interrupts.IrqLine;
import org.tinysim.peripherals.registers.Access;
import org.tinysim.peripherals.registers.Field;
import org.tinysim.peripherals.registers.RegisterDevice;
import org.tinysim.peripherals.registers.RegisterOffset;

/**
 * STM32F7 USART (CR1..TDR layout). Transmission is instantaneous: a TDR write with UE and TE set
 * hands the byte to the transmit listeners, and TXE/TC are set again at once. Bytes injected by the
 * host wait in a receive queue and appear in RDR once UE and RE are set; the queue never overflows,
 * so ORE is never raised. ISR has no read side effects, so its value is published after every
 * change to a status listener (the board lets the engine answer firmware's ISR polls with it).
 */
public final class Usart extends RegisterDevice {
  private static final Logger LOG = Logger.getLogger(Usart.class.getName());

  /** TXE, TC and TCBGT set out of reset. */
  private static final long ISR_RESET = 0x020000C0L;

  /** ISR flags that ICR can clear (same bit positions). */
  private static final long ICR_CLEARABLE = 0x0012_1B5FL;

  enum Reg implements RegisterOffset {
    Cr1(0x00),
    Cr2(0x04),
    Cr3(0x08),
    Brr(0x0C),
    Gtpr(0x10),
    Rtor(0x14),
    Rqr(0x18),
    Isr(0x1C),
    Icr(0x20),
    Rdr(0x24),
    Tdr(0x28);

    private final long offset;

    Reg(long offset) {
      this.offset = offset;
    }

    @Override
    public long offset() {
      return offset;
    }
  }

  private final IrqLine irq;
  private final LongConsumer statusListener;
  private final Deque<Integer> receiveQueue = new ArrayDeque<>();
  private final List<IntConsumer> transmitListeners = new ArrayList<>();
  private Field enable;
  private Field receiverEnable;
  private Field transmitterEnable;
  private Field idleInterruptEnable;
  private Field rxNotEmptyInterruptEnable;
  private Field txCompleteInterruptEnable;
  private Field txEmptyInterruptEnable;
  private Field parityErrorInterruptEnable;
  private Field errorInterruptEnable;
  private Field parityError;
  private Field framingError;
  private Field noise;
  private Field overrun;
  private Field idle;
  private Field txComplete;
  private Field otherFlags;

  public Usart(String name) {
    this(name, isr -> {});
  }

  /** {@code statusListener} receives the ISR value now and after every change. */
  public Usart(String name, LongConsumer statusListener) {
    super(name, 0x400);
    this.irq = new IrqLine(name);
    this.statusListener = statusListener;
    defineRegisters();
    publishStatus();
  }

  /** ISR's offset in the register block. */
  public static long statusOffset() {
    return Reg.Isr.offset();
  }

  public IrqLine irq() {
    return irq;
  }

  /** Receives every transmitted byte (0..255), in order. */
  public void addTransmitListener(IntConsumer listener) {
    transmitListeners.add(listener);
  }

  /** Host side of the RX line: queues bytes for the firmware to read from RDR. */
  public void receive(byte... bytes) {
    for (byte b : bytes) {
      receiveQueue.addLast(b & 0xFF);
    }
    updateInterrupt();
    publishStatus();
  }

  public void receive(String text) {
    receive(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public int pendingReceiveBytes() {
    return receiveQueue.size();
  }

  @Override
  public long read(long offset, int width) {
    long value = super.read(offset, width);
    if ((offset & ~3L) == Reg.Rdr.offset() && receiverEnabled()) {
      receiveQueue.pollFirst(); // reading RDR clears RXNE
    }
    updateInterrupt();
    publishStatus();
    return value;
  }

  @Override
  public void write(long offset, int width, long value) {
    super.write(offset, width, value);
    updateInterrupt();
    publishStatus();
  }

  @Override
  public void reset() {
    super.reset();
    receiveQueue.clear();
    updateInterrupt();
    publishStatus();
  }

  private void publishStatus() {
    statusListener.accept(super.read(Reg.Isr.offset(), 4));
  }

  private void defineRegisters() {
    registers
        .define(Reg.Cr1)
        .flag("UE", 0, Access.RW, f -> enable = f)
        .flag("UESM", 1, Access.RW)
        .flag("RE", 2, Access.RW, f -> receiverEnable = f)
        .flag("TE", 3, Access.RW, f -> transmitterEnable = f)
        .flag("IDLEIE", 4, Access.RW, f -> idleInterruptEnable = f)
        .flag("RXNEIE", 5, Access.RW, f -> rxNotEmptyInterruptEnable = f)
        .flag("TCIE", 6, Access.RW, f -> txCompleteInterruptEnable = f)
        .flag("TXEIE", 7, Access.RW, f -> txEmptyInterruptEnable = f)
        .flag("PEIE", 8, Access.RW, f -> parityErrorInterruptEnable = f)
        .field("FRAME", 9, 20, Access.RW)
        .build();
    registers.define(Reg.Cr2).field("CONTROL", 0, 32, Access.RW).build();
    registers
        .define(Reg.Cr3)
        .flag("EIE", 0, Access.RW, f -> errorInterruptEnable = f)
        .field("CONTROL", 1, 24, Access.RW)
        .build();
    registers.define(Reg.Brr).field("BRR", 0, 16, Access.RW).build();
    registers.define(Reg.Gtpr).field("GTPR", 0, 16, Access.RW).build();
    registers.define(Reg.Rtor).field("RTOR", 0, 32, Access.RW).build();
    registers
        .define(Reg.Rqr)
        .tag("ABRRQ", 0, 1)
        .tag("SBKRQ", 1, 1)
        .tag("MMRQ", 2, 1)
        .flag("RXFRQ", 3, Access.WO)
        .onWrite(
            bit -> {
              if (bit != 0) {
                receiveQueue.pollFirst();
              }
            })
        .flag("TXFRQ", 4, Access.WO)
        .build();
    defineStatus();
    registers.define(Reg.Icr).field("CLEAR", 0, 32, Access.WO).onWrite(this::clearFlags).build();
    registers.define(Reg.Rdr).field("RDR", 0, 9, Access.RO).readsAs(this::receivedByte).build();
    registers.define(Reg.Tdr).field("TDR", 0, 9, Access.RW).onWrite(this::transmit).build();
  }

  private void defineStatus() {
    registers
        .define(Reg.Isr)
        .resetValue(ISR_RESET)
        .flag("PE", 0, Access.RO, f -> parityError = f)
        .flag("FE", 1, Access.RO, f -> framingError = f)
        .flag("NF", 2, Access.RO, f -> noise = f)
        .flag("ORE", 3, Access.RO, f -> overrun = f)
        .flag("IDLE", 4, Access.RO, f -> idle = f)
        .flag("RXNE", 5, Access.RO)
        .readsAs(() -> receivedDataAvailable() ? 1 : 0)
        .flag("TC", 6, Access.RO, f -> txComplete = f)
        .flag("TXE", 7, Access.RO)
        .readsAs(() -> 1)
        .field("OTHER_FLAGS", 8, 13, Access.RO, f -> otherFlags = f)
        .flag("TEACK", 21, Access.RO)
        .readsAs(() -> bothSet(enable, transmitterEnable))
        .flag("REACK", 22, Access.RO)
        .readsAs(() -> bothSet(enable, receiverEnable))
        .tag("TCBGT", 25, 1)
        .build();
  }

  private static long bothSet(Field first, Field second) {
    return first.isSet() && second.isSet() ? 1 : 0;
  }

  private boolean receiverEnabled() {
    return bothSet(enable, receiverEnable) != 0;
  }

  private boolean receivedDataAvailable() {
    return receiverEnabled() && !receiveQueue.isEmpty();
  }

  private long receivedByte() {
    Integer head = receiveQueue.peekFirst();
    return receiverEnabled() && head != null ? head : 0;
  }

  private void transmit(long data) {
    if (bothSet(enable, transmitterEnable) == 0) {
      LOG.fine(() -> name() + ": TDR written with the transmitter disabled; byte dropped");
      return;
    }
    int value = (int) (data & 0xFF);
    transmitListeners.forEach(listener -> listener.accept(value));
    txComplete.set(true);
  }

  private void clearFlags(long mask) {
    long clear = mask & ICR_CLEARABLE;
    for (Field flag : new Field[] {parityError, framingError, noise, overrun, idle, txComplete}) {
      if ((clear & flag.mask()) != 0) {
        flag.set(false);
      }
    }
    if ((clear & otherFlags.mask()) != 0) {
      long others = otherFlags.value() << 8;
      otherFlags.set((others & ~clear) >>> 8);
    }
  }

  /** The IRQ line is a level: high while any enabled condition holds. */
  private void updateInterrupt() {
    boolean errors = framingError.isSet() || noise.isSet() || overrun.isSet();
    boolean level =
        txEmptyInterruptEnable.isSet() // TXE is always set
            || (txCompleteInterruptEnable.isSet() && txComplete.isSet())
            || (rxNotEmptyInterruptEnable.isSet() && (receivedDataAvailable() || overrun.isSet()))
            || (idleInterruptEnable.isSet() && idle.isSet())
            || (parityErrorInterruptEnable.isSet() && parityError.isSet())
            || (errorInterruptEnable.isSet() && errors);
    irq.set(level);
  }
}
