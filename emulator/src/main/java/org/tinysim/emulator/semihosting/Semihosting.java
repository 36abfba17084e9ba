package org.tinysim.emulator.semihosting;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;

/**
 * ARM semihosting (the operations a bare-metal runtime needs), so the same firmware also runs on
 * QEMU or on a board under a debugger. Time comes from emulated cycles, never the host clock.
 */
public final class Semihosting {
  private static final Logger LOG = Logger.getLogger(Semihosting.class.getName());

  static final int SYS_OPEN = 0x01;
  static final int SYS_CLOSE = 0x02;
  static final int SYS_WRITEC = 0x03;
  static final int SYS_WRITE0 = 0x04;
  static final int SYS_WRITE = 0x05;
  static final int SYS_READ = 0x06;
  static final int SYS_ISTTY = 0x09;
  static final int SYS_FLEN = 0x0C;
  static final int SYS_CLOCK = 0x10;
  static final int SYS_TIME = 0x11;
  static final int SYS_ERRNO = 0x13;
  static final int SYS_GET_CMDLINE = 0x15;
  static final int SYS_HEAPINFO = 0x16;
  static final int SYS_EXIT = 0x18;
  static final int SYS_EXIT_EXTENDED = 0x20;
  static final int SYS_ELAPSED = 0x30;
  static final int SYS_TICKFREQ = 0x31;
  static final int ADP_STOPPED_APPLICATION_EXIT = 0x20026;

  public static final int STDOUT_HANDLE = 1;
  public static final int STDERR_HANDLE = 2;

  private final CpuBackend cpu;
  private final LongSupplier cycles;
  private final LongSupplier frequencyHz;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final long[] heapInfo;
  private Consumer<String> echo = s -> {};
  private Integer exitStatus;

  /**
   * @param heapInfo heap base, heap limit, stack base, stack limit (0 where unknown)
   */
  public Semihosting(
      CpuBackend cpu, LongSupplier cycles, LongSupplier frequencyHz, long[] heapInfo) {
    this.cpu = cpu;
    this.cycles = cycles;
    this.frequencyHz = frequencyHz;
    this.heapInfo = heapInfo.clone();
  }

  /** Also streams console text as it is written (e.g. to the terminal). */
  public void echoTo(Consumer<String> sink) {
    this.echo = sink;
  }

  /** Handles the call whose BKPT 0xAB is at the current PC; the caller advances the PC. */
  public void handleCall() {
    int op = cpu.readRegister(CoreRegister.R0);
    int arg = cpu.readRegister(CoreRegister.R1);
    cpu.writeRegister(CoreRegister.R0, perform(op, Integer.toUnsignedLong(arg)));
  }

  private int perform(int op, long arg) {
    switch (op) {
      case SYS_OPEN:
        {
          long nameAddress = word(arg);
          int mode = (int) word(arg + 4);
          String name = cString(nameAddress, 256);
          if (!name.equals(":tt")) {
            return -1;
          }
          return mode < 4 ? 0 : (mode < 8 ? STDOUT_HANDLE : STDERR_HANDLE);
        }
      case SYS_CLOSE:
      case SYS_ERRNO:
      case SYS_FLEN:
        return 0;
      case SYS_ISTTY:
        return 1;
      case SYS_WRITEC:
        emit(STDOUT_HANDLE, cpu.readMemory(arg, 1));
        return 0;
      case SYS_WRITE0:
        emit(STDOUT_HANDLE, cString(arg, 1 << 20).getBytes(StandardCharsets.ISO_8859_1));
        return 0;
      case SYS_WRITE:
        {
          int handle = (int) word(arg);
          long buffer = word(arg + 4);
          int length = (int) word(arg + 8);
          if (length < 0 || length > (1 << 24)) {
            return length;
          }
          emit(handle, cpu.readMemory(buffer, length));
          return 0;
        }
      case SYS_READ:
        return (int) word(arg + 8);
      case SYS_CLOCK:
        return (int) (cycles.getAsLong() * 100 / frequencyHz.getAsLong());
      case SYS_TIME:
        return (int) (cycles.getAsLong() / frequencyHz.getAsLong());
      case SYS_GET_CMDLINE:
        {
          long buffer = word(arg);
          if (word(arg + 4) > 0) {
            cpu.writeMemory(buffer, new byte[] {0});
          }
          writeWord(arg + 4, 0);
          return 0;
        }
      case SYS_HEAPINFO:
        {
          long block = word(arg);
          for (int i = 0; i < 4; i++) {
            writeWord(block + 4L * i, heapInfo[i]);
          }
          return 0;
        }
      case SYS_EXIT:
        exitStatus = arg == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1;
        return 0;
      case SYS_EXIT_EXTENDED:
        exitStatus = word(arg) == ADP_STOPPED_APPLICATION_EXIT ? (int) word(arg + 4) : 1;
        return 0;
      case SYS_ELAPSED:
        {
          long now = cycles.getAsLong();
          writeWord(arg, now & 0xFFFFFFFFL);
          writeWord(arg + 4, now >>> 32);
          return 0;
        }
      case SYS_TICKFREQ:
        return (int) frequencyHz.getAsLong();
      default:
        LOG.warning(() -> String.format("unsupported semihosting operation 0x%02X", op));
        return -1;
    }
  }

  private void emit(int handle, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    (handle == STDERR_HANDLE ? stderr : stdout).writeBytes(bytes);
    echo.accept(text);
  }

  private long word(long address) {
    return Integer.toUnsignedLong(
        ByteBuffer.wrap(cpu.readMemory(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt());
  }

  private void writeWord(long address, long value) {
    cpu.writeMemory(
        address, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
  }

  private String cString(long address, int max) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < max; i++) {
      byte b = cpu.readMemory(address + i, 1)[0];
      if (b == 0) {
        break;
      }
      s.append((char) (b & 0xff));
    }
    return s.toString();
  }

  /** Status passed to SYS_EXIT / SYS_EXIT_EXTENDED, or null while the firmware runs. */
  public Integer exitStatus() {
    return exitStatus;
  }

  public String stdout() {
    return stdout.toString(StandardCharsets.ISO_8859_1);
  }

  public String stderr() {
    return stderr.toString(StandardCharsets.ISO_8859_1);
  }
}
