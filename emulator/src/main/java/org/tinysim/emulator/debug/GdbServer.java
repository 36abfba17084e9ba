package org.tinysim.emulator.debug;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.DebugHooks;
import org.tinysim.emulator.cpu.DebugHooks.WatchKind;
import org.tinysim.emulator.fault.Fault;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.SramUsage;
import org.tinysim.emulator.run.StopKind;

/**
 * A GDB remote serial protocol server (all-stop, one thread) on top of {@link Machine}, for {@code
 * gdb-multiarch} / {@code arm-none-eabi-gdb} with {@code target remote :PORT}.
 *
 * <p>Breakpoints (Z0 and Z1 alike) and watchpoints (Z2 write, Z3 read, Z4 access) are engine hooks,
 * never patched code; see {@link DebugHooks} for why cycle counts stay those of a plain run. A
 * watchpoint stops after the access, at the next instruction (as QEMU reports them). Memory reads
 * in a peripheral window go through the device model, so a read with a side effect in silicon has
 * it here too (reading USART RDR takes the received byte, reading a status register may clear
 * flags); reads of device-page addresses no device answers fail instead of faulting the firmware.
 * Ctrl-C stops at the next block boundary, which a plain run passes without stopping either.
 */
public final class GdbServer {
  /** How a session ended. */
  public enum Ending {
    KILLED,
    DETACHED,
    FIRMWARE_ENDED,
    DISCONNECTED
  }

  /** A finished session: how it ended and the last run result (null if the firmware never ran). */
  public record Session(Ending ending, RunResult last) {}

  private static final int SIGINT = 2;
  private static final int SIGILL = 4;
  private static final int SIGTRAP = 5;
  private static final int SIGABRT = 6;
  private static final int SIGBUS = 10;
  private static final int SIGSEGV = 11;
  private static final int SIGXCPU = 24;
  private static final int PACKET_SIZE = 0x4000;

  private final DebugTarget target;
  private final RunOptions options;
  private final Consumer<String> log;

  /** Breakpoint address to its Z type ('0' software, '1' hardware). */
  private final Map<Long, Character> breakpoints = new LinkedHashMap<>();

  private final List<Watch> watches = new ArrayList<>();
  private RspChannel channel;
  private RunResult last;
  private RunResult ended;
  private volatile boolean interrupted;

  private record Watch(long address, int length, WatchKind kind) {}

  public GdbServer(DebugTarget target, RunOptions options, Consumer<String> log) {
    this.target = target;
    this.options = options;
    this.log = log;
  }

  /** Listens on the loopback interface only: the protocol has no authentication. */
  public static ServerSocket listen(int port) throws IOException {
    return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
  }

  /** Serves one connection until GDB kills, detaches or disconnects. */
  public Session serve(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    try (RspChannel ch =
        new RspChannel(socket.getInputStream(), socket.getOutputStream(), this::interrupt)) {
      channel = ch;
      return serveChannel();
    } finally {
      clearPoints();
      socket.close();
    }
  }

  /** Ctrl-C: arrives on the reader thread while the firmware runs. */
  private void interrupt() {
    interrupted = true;
    target.machine().requestPause();
  }

  private Session serveChannel() throws IOException {
    while (true) {
      String packet;
      try {
        packet = channel.next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for GDB");
      }
      if (packet == null) {
        return new Session(ended != null ? Ending.FIRMWARE_ENDED : Ending.DISCONNECTED, last);
      }
      if (packet.equals("k") || packet.startsWith("vKill")) {
        if (packet.startsWith("vKill")) {
          channel.send("OK");
        }
        return new Session(ended != null ? Ending.FIRMWARE_ENDED : Ending.KILLED, last);
      }
      if (packet.startsWith("D")) {
        channel.send("OK");
        return new Session(ended != null ? Ending.FIRMWARE_ENDED : Ending.DETACHED, last);
      }
      String reply;
      try {
        reply = handle(packet);
      } catch (RuntimeException e) {
        log.accept("gdb: " + firstWord(packet) + " failed: " + e.getMessage());
        reply = "E01";
      }
      channel.send(reply);
      if (packet.equals("QStartNoAckMode")) {
        channel.stopAcknowledging();
      }
    }
  }

  private String handle(String p) throws IOException {
    char kind = p.charAt(0);
    return switch (kind) {
      case '?' -> last == null ? "S05" : stopReply(last);
      case 'g' -> readAllRegisters();
      case 'G' -> writeAllRegisters(p.substring(1));
      case 'p' -> readRegister(p.substring(1));
      case 'P' -> writeRegister(p.substring(1));
      case 'm' -> readMemory(p.substring(1));
      case 'M' -> writeMemory(p.substring(1), false);
      case 'X' -> writeMemory(p.substring(1), true);
      case 'c', 'C' -> resume(false, resumeAddress(p));
      case 's', 'S' -> resume(true, resumeAddress(p));
      case 'Z', 'z' -> point(p);
      case 'H', 'T' -> "OK";
      case 'v' -> vPacket(p);
      case 'q', 'Q' -> query(p);
      default -> "";
    };
  }

  // ---- queries --------------------------------------------------------------------------

  private String query(String p) throws IOException {
    if (p.startsWith("qSupported")) {
      return "PacketSize="
          + Integer.toHexString(PACKET_SIZE)
          + ";qXfer:features:read+;QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+";
    }
    if (p.startsWith("qXfer:features:read:")) {
      String[] parts = p.substring("qXfer:features:read:".length()).split(":");
      if (!parts[0].equals("target.xml")) {
        return "E00";
      }
      String[] range = parts[1].split(",");
      String xml = RegisterFile.targetXml();
      int offset = (int) Rsp.parseHex(range[0]);
      int length = (int) Rsp.parseHex(range[1]);
      if (offset >= xml.length()) {
        return "l";
      }
      int end = Math.min(xml.length(), offset + length);
      return (end == xml.length() ? "l" : "m") + xml.substring(offset, end);
    }
    if (p.startsWith("qRcmd,")) {
      String command =
          new String(Rsp.unhex(p.substring("qRcmd,".length())), StandardCharsets.UTF_8).strip();
      channel.send("O" + Rsp.hex(monitor(command)));
      return "OK";
    }
    return switch (p) {
      case "QStartNoAckMode", "qSymbol::" -> "OK";
      case "qAttached" -> "1";
      case "qC" -> "QC1";
      case "qfThreadInfo" -> "m1";
      case "qsThreadInfo" -> "l";
      default -> "";
    };
  }

  private String vPacket(String p) throws IOException {
    if (p.equals("vCont?")) {
      return "vCont;c;C;s;S";
    }
    if (p.startsWith("vCont;")) {
      // All-stop with one thread: the first action decides (GDB sends e.g. "vCont;s:1;c").
      String action = p.substring("vCont;".length()).split(";")[0].split(":")[0];
      return switch (action.charAt(0)) {
        case 's', 'S' -> resume(true, -1);
        case 'c', 'C' -> resume(false, -1);
        default -> "";
      };
    }
    return "";
  }

  // ---- monitor commands -------------------------------------------------------------------

  private String monitor(String command) {
    Machine m = target.machine();
    return switch (command) {
      case "cycles" ->
          String.format(
              "cycles: %d (%.6f ms at %.0f MHz), instructions: %d%n",
              m.cyclesNow(),
              m.cyclesNow() * 1000.0 / m.clock().coreFrequencyHz(),
              m.clock().coreFrequencyHz() / 1e6,
              m.counter().instructions());
      case "reset" -> reset();
      case "sram" -> sram(m.sramUsage());
      case "fault" ->
          ended != null && ended.fault() != null
              ? describe(ended.fault())
              : "no fault"
                  + (ended != null
                      ? " (the firmware exited with status " + ended.exitStatus() + ")"
                      : "")
                  + "\n";
      case "help", "" ->
          "tinysim monitor commands:\n  cycles  cycles and instructions so far\n"
              + "  reset   a fresh board, firmware loaded, at the reset vector (then: maint flush register-cache)\n"
              + "  sram    static, heap and deepest stack use so far\n"
              + "  fault   the fault that stopped the firmware, if any\n";
      default -> "unknown monitor command '" + command + "' (try: monitor help)\n";
    };
  }

  private String reset() {
    clearPoints();
    target.reset();
    last = null;
    ended = null;
    DebugHooks hooks = target.machine().debugHooks();
    breakpoints.keySet().forEach(hooks::addBreakpoint);
    watches.forEach(w -> hooks.addWatchpoint(w.address(), w.length(), w.kind()));
    return String.format(
        "reset: pc 0x%08x, sp 0x%08x%n",
        target.machine().cpu().readRegister(CoreRegister.PC),
        target.machine().cpu().readRegister(CoreRegister.SP));
  }

  private static String sram(SramUsage s) {
    return String.format(
        "sram: peak %d B of %d B: static %d B, heap %d B, stack %d B%n",
        s.peakBytes(), s.limitBytes(), s.staticBytes(), s.heapBytes(), s.stackBytes());
  }

  private static String describe(Fault f) {
    return String.format(
        "fault: %s (%s)%n  %s%n  pc 0x%08x%s%n",
        f.kind(),
        f.kind().description(),
        f.detail(),
        f.pc(),
        f.address() >= 0 ? String.format(", address 0x%08x", f.address()) : "");
  }

  // ---- running ----------------------------------------------------------------------------

  private static long resumeAddress(String p) {
    String rest = p.substring(1);
    if (p.charAt(0) == 'C' || p.charAt(0) == 'S') {
      int semi = rest.indexOf(';');
      return semi < 0 ? -1 : Rsp.parseHex(rest.substring(semi + 1));
    }
    return rest.isEmpty() ? -1 : Rsp.parseHex(rest);
  }

  private String resume(boolean step, long address) {
    if (ended != null) {
      // The firmware cannot go on after it exited or faulted.
      return ended.stop() == StopKind.EXITED
          ? exitReply(ended)
          : String.format("X%02x", signalOf(ended.fault()));
    }
    Machine m = target.machine();
    if (address >= 0) {
      m.cpu().writeRegister(CoreRegister.PC, (int) address | 1);
    }
    m.debugHooks()
        .prepareResume(Integer.toUnsignedLong(m.cpu().readRegister(CoreRegister.PC)), step);
    RunResult r = m.run(options);
    last = r;
    if (r.stop() == StopKind.EXITED || r.stop() == StopKind.FAULTED) {
      ended = r;
    }
    return stopReply(r);
  }

  private String stopReply(RunResult r) {
    return switch (r.stop()) {
      case EXITED -> exitReply(r);
      case FAULTED -> String.format("T%02xthread:1;", signalOf(r.fault()));
      case YIELDED -> String.format("T%02xthread:1;", SIGTRAP);
      case PAUSED -> pauseReply();
    };
  }

  private String pauseReply() {
    DebugHooks hooks = target.machine().debugHooks();
    DebugHooks.WatchHit hit = hooks.watchHit();
    if (hit != null) {
      String name =
          switch (hit.kind()) {
            case WRITE -> "watch";
            case READ -> "rwatch";
            case ACCESS -> "awatch";
          };
      return String.format("T%02xthread:1;%s:%x;", SIGTRAP, name, hit.address());
    }
    return switch (hooks.stopCause()) {
      case BREAKPOINT -> {
        long pc = Integer.toUnsignedLong(target.machine().cpu().readRegister(CoreRegister.PC));
        Character type = breakpoints.get(pc);
        yield String.format(
            "T%02xthread:1;%s:;", SIGTRAP, type != null && type == '1' ? "hwbreak" : "swbreak");
      }
      case STEP -> String.format("T%02xthread:1;", SIGTRAP);
      default -> {
        boolean byUser = interrupted;
        interrupted = false;
        yield String.format("T%02xthread:1;", byUser ? SIGINT : SIGTRAP);
      }
    };
  }

  private static String exitReply(RunResult r) {
    return String.format("W%02x", r.exitStatus() & 0xff);
  }

  /** GDB's own signal numbers (gdb/signals.def), which the protocol carries. */
  static int signalOf(Fault f) {
    return switch (f.kind()) {
      case READ_UNMAPPED,
          WRITE_UNMAPPED,
          FETCH_UNMAPPED,
          WRITE_TO_READ_ONLY,
          FETCH_FROM_NON_EXECUTABLE,
          STACK_OVERFLOW ->
          SIGSEGV;
      case DEVICE_HOLE, UNALIGNED_ACCESS -> SIGBUS;
      case UNDEFINED_INSTRUCTION -> SIGILL;
      case BREAKPOINT -> SIGTRAP;
      case CYCLE_BUDGET_EXCEEDED, INSTRUCTION_BUDGET_EXCEEDED -> SIGXCPU;
      default -> SIGABRT;
    };
  }

  // ---- break- and watchpoints ------------------------------------------------------------

  private String point(String p) {
    boolean insert = p.charAt(0) == 'Z';
    char type = p.charAt(1);
    String[] f = p.substring(3).split("[,;]");
    long address = Rsp.parseHex(f[0]);
    int size = (int) Rsp.parseHex(f[1]);
    DebugHooks hooks = target.machine().debugHooks();
    switch (type) {
      case '0', '1' -> {
        if (insert) {
          hooks.addBreakpoint(address);
          breakpoints.put(address, type);
        } else if (breakpoints.remove(address) != null) {
          hooks.removeBreakpoint(address);
        }
      }
      case '2', '3', '4' -> {
        WatchKind kind =
            type == '2' ? WatchKind.WRITE : type == '3' ? WatchKind.READ : WatchKind.ACCESS;
        Watch w = new Watch(address, size, kind);
        if (insert) {
          hooks.addWatchpoint(address, size, kind);
          watches.add(w);
        } else if (watches.remove(w)) {
          hooks.removeWatchpoint(address, size, kind);
        }
      }
      default -> {
        return "";
      }
    }
    return "OK";
  }

  private void clearPoints() {
    Machine m = target.machine();
    if (m == null) {
      return;
    }
    DebugHooks hooks = m.debugHooks();
    breakpoints.keySet().forEach(hooks::removeBreakpoint);
    watches.forEach(w -> hooks.removeWatchpoint(w.address(), w.length(), w.kind()));
  }

  // ---- registers ----------------------------------------------------------------------------

  private String readAllRegisters() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < RegisterFile.ENTRIES.size(); i++) {
      out.append(
          Rsp.littleEndianHex(
              RegisterFile.read(target.machine().cpu(), i), RegisterFile.ENTRIES.get(i).bytes()));
    }
    return out.toString();
  }

  private String writeAllRegisters(String hex) {
    byte[] all = Rsp.unhex(hex);
    int at = 0;
    for (int i = 0; i < RegisterFile.ENTRIES.size() && at < all.length; i++) {
      int n = RegisterFile.ENTRIES.get(i).bytes();
      byte[] one = Arrays.copyOfRange(all, at, at + n);
      RegisterFile.write(target.machine().cpu(), i, Rsp.littleEndian(one));
      at += n;
    }
    return "OK";
  }

  private String readRegister(String number) {
    int n = (int) Rsp.parseHex(number);
    if (n >= RegisterFile.ENTRIES.size()) {
      return "E00";
    }
    return Rsp.littleEndianHex(
        RegisterFile.read(target.machine().cpu(), n), RegisterFile.ENTRIES.get(n).bytes());
  }

  private String writeRegister(String assignment) {
    String[] f = assignment.split("=");
    int n = (int) Rsp.parseHex(f[0]);
    if (n >= RegisterFile.ENTRIES.size()) {
      return "E00";
    }
    RegisterFile.write(target.machine().cpu(), n, Rsp.littleEndian(Rsp.unhex(f[1])));
    return "OK";
  }

  // ---- memory ----------------------------------------------------------------------------

  private String readMemory(String args) {
    String[] f = args.split(",");
    long address = Rsp.parseHex(f[0]);
    int length = (int) Math.min(Rsp.parseHex(f[1]), PACKET_SIZE / 2);
    try {
      return Rsp.hex(new TargetMemory(target.machine()).read(address, length));
    } catch (IllegalStateException | IllegalArgumentException unreadable) {
      return "E0e"; // EFAULT: GDB says "Cannot access memory at address"
    }
  }

  private String writeMemory(String args, boolean binary) {
    int colon = args.indexOf(':');
    String[] f = args.substring(0, colon).split(",");
    long address = Rsp.parseHex(f[0]);
    int length = (int) Rsp.parseHex(f[1]);
    byte[] data =
        binary ? Rsp.unescape(args.substring(colon + 1)) : Rsp.unhex(args.substring(colon + 1));
    if (data.length != length) {
      return "E16";
    }
    try {
      new TargetMemory(target.machine()).write(address, data);
    } catch (IllegalStateException | IllegalArgumentException unwritable) {
      return "E0e";
    }
    return "OK";
  }

  private static String firstWord(String packet) {
    return packet.length() > 12 ? packet.substring(0, 12) + "..." : packet;
  }
}
