package org.tinysim.emulator.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.exceptions.ExceptionUnit;
import org.tinysim.emulator.exceptions.FaultRouting;

/**
 * The host's fault report beyond its one line: the active exception, the core registers, the
 * running handler's stacked frame, a call chain and the instructions around the faulting PC. Built
 * once, when a run stops on a fault; every part degrades to what is knowable.
 */
public final class FaultContext {
  /** Words of stack the call-chain scan reads at most. */
  private static final int SCAN_WORDS = 1024;

  private static final int MAX_CALLERS = 8;
  private static final String[] FRAME_NAMES = {"r0", "r1", "r2", "r3", "r12", "lr", "pc", "xpsr"};

  private FaultContext() {}

  public static String describe(
      CpuBackend cpu, ElfImage image, ExceptionUnit exceptions, long faultPc, long stackTop) {
    StringBuilder out = new StringBuilder();
    List<Integer> active = exceptions.activeExceptions();
    if (active.isEmpty()) {
      out.append("active exception: none (thread mode)\n");
    } else {
      out.append("active exception: in ").append(handlerName(image, cpu, active.get(0)));
      for (int i = 1; i < active.size(); i++) {
        out.append(", preempting ")
            .append(FaultRouting.name(active.get(i)))
            .append(" (exception ")
            .append(active.get(i))
            .append(')');
      }
      out.append('\n');
    }
    registers(out, cpu, faultPc);
    long frame = exceptions.currentFrame();
    if (frame >= 0) {
      stackedFrame(out, cpu, image, frame);
    }
    callChain(out, cpu, image, faultPc, stackTop, frame);
    out.append(disassembly(image, cpu, faultPc));
    return out.toString();
  }

  private static String handlerName(ElfImage image, CpuBackend cpu, int exception) {
    String name = FaultRouting.name(exception) + " (exception " + exception + ")";
    long pc = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC));
    return image.functionAt(pc).map(f -> f.name() + ", " + name).orElse(name);
  }

  private static void registers(StringBuilder out, CpuBackend cpu, long faultPc) {
    out.append("registers:\n");
    for (int row = 0; row < 4; row++) {
      out.append(' ');
      for (int col = 0; col < 4; col++) {
        int n = row * 4 + col;
        long value =
            n == 15 ? faultPc : Integer.toUnsignedLong(cpu.readRegister(CoreRegister.core(n)));
        String name = n == 13 ? "sp" : n == 14 ? "lr" : n == 15 ? "pc" : "r" + n;
        out.append(String.format(" %-4s0x%08X", name, value));
      }
      out.append('\n');
    }
    out.append(
        String.format(
            "  xpsr 0x%08X  msp 0x%08X  psp 0x%08X  control 0x%X  primask %d  basepri 0x%02X  faultmask %d%n",
            cpu.readRegister(CoreRegister.XPSR),
            cpu.readRegister(CoreRegister.MSP),
            cpu.readRegister(CoreRegister.PSP),
            cpu.readRegister(CoreRegister.CONTROL),
            cpu.readRegister(CoreRegister.PRIMASK) & 1,
            cpu.readRegister(CoreRegister.BASEPRI) & 0xFF,
            cpu.readRegister(CoreRegister.FAULTMASK) & 1));
  }

  private static void stackedFrame(StringBuilder out, CpuBackend cpu, ElfImage image, long frame) {
    int[] words = readWords(cpu, frame, 8);
    if (words == null) {
      return;
    }
    out.append(String.format("stacked frame at 0x%08X (what the handler returns to):%n ", frame));
    for (int i = 0; i < 8; i++) {
      out.append(String.format(" %s 0x%08X", FRAME_NAMES[i], words[i]));
    }
    out.append(
        String.format(
            "%n  stacked pc is %s%n",
            image.describeCodeAddress(Integer.toUnsignedLong(words[6]) & ~1L)));
  }

  /**
   * The faulting function, then LR, then return addresses found scanning the stack upwards: words
   * pointing just after a BL/BLX inside a function (optimised code keeps no frame pointer).
   */
  private static void callChain(
      StringBuilder out, CpuBackend cpu, ElfImage image, long faultPc, long stackTop, long frame) {
    out.append("call chain (innermost first; LR, then return addresses found on the stack):\n");
    out.append("  #0 ")
        .append(image.describeCodeAddress(faultPc))
        .append(String.format(" (0x%08X)%n", faultPc));
    List<String> callers = new ArrayList<>();
    long previous = -1;
    long lr = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.LR));
    if (lr < 0xF0000000L && isReturnAddress(cpu, image, lr)) {
      previous = lr & ~1L;
      callers.add(
          String.format("%s (returns to 0x%08X)", image.describeCodeAddress(previous), previous));
    }
    long sp = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.SP));
    int words = (int) Math.max(0, Math.min(SCAN_WORDS, (stackTop - sp) / 4));
    int[] stack = words == 0 ? new int[0] : readWords(cpu, sp, words);
    for (int i = 0; stack != null && i < stack.length && callers.size() < MAX_CALLERS; i++) {
      long at = sp + 4L * i;
      if (at == frame + 20) {
        continue; // the stacked LR, taken after the stacked PC
      }
      long candidate = Integer.toUnsignedLong(stack[i]);
      if (at == frame + 24) { // the exception frame's PC: the code the handler interrupted
        previous = candidate & ~1L;
        callers.add(
            String.format(
                "%s (0x%08X, interrupted: the stacked pc)",
                image.describeCodeAddress(previous), previous));
        candidate = i > 0 ? Integer.toUnsignedLong(stack[i - 1]) : 0;
      }
      if (isReturnAddress(cpu, image, candidate) && previous != (candidate & ~1L)) {
        previous = candidate & ~1L;
        callers.add(
            String.format("%s (returns to 0x%08X)", image.describeCodeAddress(previous), previous));
      }
    }
    for (int i = 0; i < callers.size(); i++) {
      out.append(String.format("  #%d %s%n", i + 1, callers.get(i)));
    }
  }

  /** A Thumb address inside a function, right after a 32-bit BL or a 16-bit BLX register. */
  private static boolean isReturnAddress(CpuBackend cpu, ElfImage image, long value) {
    if ((value & 1) == 0 || value < 4) {
      return false;
    }
    long at = value & ~1L;
    if (image.functionAt(at).isEmpty()) {
      return false;
    }
    int[] before = readHalfwords(cpu, at - 4, 2);
    if (before == null) {
      return false;
    }
    boolean bl = (before[0] & 0xF800) == 0xF000 && (before[1] & 0xD000) == 0xD000;
    boolean blxRegister = (before[1] & 0xFF87) == 0x4780;
    return bl || blxRegister;
  }

  /**
   * A few instructions around {@code pc} from arm-none-eabi-objdump, the faulting one marked "=>";
   * without objdump (or the ELF on disk), the raw halfwords.
   */
  static String disassembly(ElfImage image, CpuBackend cpu, long pc) {
    long from = Math.max(0, pc - 8);
    long to = pc + 8;
    Path elf = Path.of(image.source());
    if (Files.isRegularFile(elf)) {
      try {
        Process objdump =
            new ProcessBuilder(
                    "arm-none-eabi-objdump",
                    "-d",
                    "--no-show-raw-insn",
                    String.format("--start-address=0x%x", from),
                    String.format("--stop-address=0x%x", to),
                    elf.toString())
                .redirectErrorStream(true)
                .start();
        String text = new String(objdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (objdump.waitFor(10, TimeUnit.SECONDS) && objdump.exitValue() == 0) {
          StringBuilder out = new StringBuilder("disassembly (arm-none-eabi-objdump):\n");
          String mark = String.format("%x:", pc);
          for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.matches("[0-9a-f]+:\\s.*")) {
              out.append(trimmed.startsWith(mark) ? "  => " : "     ")
                  .append(trimmed.replaceAll("\\s+", " "))
                  .append('\n');
            }
          }
          return out.toString();
        }
      } catch (IOException | InterruptedException unavailable) {
        // fall through to the raw halfwords
      }
    }
    int[] halfwords = readHalfwords(cpu, from, (int) (to - from) / 2);
    if (halfwords == null) {
      return "disassembly: code at the PC is not readable\n";
    }
    StringBuilder out =
        new StringBuilder("code around the PC (arm-none-eabi-objdump not available):\n");
    for (int i = 0; i < halfwords.length; i++) {
      long at = from + 2L * i;
      out.append(at == pc ? "  => " : "     ")
          .append(String.format("%08x: %04x%n", at, halfwords[i]));
    }
    return out.toString();
  }

  private static int[] readWords(CpuBackend cpu, long address, int count) {
    try {
      ByteBuffer b =
          ByteBuffer.wrap(cpu.readMemory(address, 4 * count)).order(ByteOrder.LITTLE_ENDIAN);
      int[] words = new int[count];
      for (int i = 0; i < count; i++) {
        words[i] = b.getInt();
      }
      return words;
    } catch (IllegalStateException unreadable) {
      return null;
    }
  }

  private static int[] readHalfwords(CpuBackend cpu, long address, int count) {
    try {
      ByteBuffer b =
          ByteBuffer.wrap(cpu.readMemory(address, 2 * count)).order(ByteOrder.LITTLE_ENDIAN);
      int[] halfwords = new int[count];
      for (int i = 0; i < count; i++) {
        halfwords[i] = b.getShort() & 0xFFFF;
      }
      return halfwords;
    } catch (IllegalStateException unreadable) {
      return null;
    }
  }
}
