package org.tinysim.emulator.run;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.ElfSymbol;

/**
 * Instructions whose fault Unicorn never raises, found by decoding every function of the image
 * linearly: SDIV/UDIV (a UsageFault DIVBYZERO with CCR.DIV_0_TRP; Unicorn gives 0) and the
 * multi-word accesses LDRD/STRD/LDM/STM, which fault on any base not word-aligned on ARMv7-M (ARM
 * B3.2.8 "unaligned accesses": always UNALIGNED for LDM, STM, LDRD, STRD; Unicorn executes them).
 * Each site names the register to check before the instruction runs. Bases SP and PC are skipped:
 * SP is always word-aligned, PC-relative LDRD uses an aligned PC.
 *
 * @param address the instruction
 * @param register divisor (Rm) or base (Rn) register number
 * @param mnemonic for reports, e.g. "SDIV", "LDRD"
 */
public record CheckedInstruction(long address, int register, String mnemonic) {

  /** SDIV and UDIV (T1) sites of all functions in {@code image}, read from the loaded code. */
  public static List<CheckedInstruction> divisions(ElfImage image, CpuBackend cpu) {
    return scan(image, cpu, true);
  }

  /**
   * LDRD/STRD (immediate, not exclusive) and LDM/STM (T1, T2) sites with a base other than SP/PC.
   */
  public static List<CheckedInstruction> multiWordAccesses(ElfImage image, CpuBackend cpu) {
    return scan(image, cpu, false);
  }

  private static List<CheckedInstruction> scan(ElfImage image, CpuBackend cpu, boolean divisions) {
    List<CheckedInstruction> sites = new ArrayList<>();
    for (ElfSymbol function : image.symbols()) {
      long start = function.address() & ~1L;
      if (!function.function() || function.size() < 2 || function.size() > 1 << 20) {
        continue;
      }
      byte[] code;
      try {
        code = cpu.readMemory(start, (int) function.size() & ~1);
      } catch (IllegalStateException notLoaded) {
        continue;
      }
      for (int at = 0; at + 1 < code.length; ) {
        int first = halfword(code, at);
        boolean wide = (first & 0xF800) >= 0xE800;
        if (wide && at + 3 < code.length) {
          CheckedInstruction site =
              decodeWide(start + at, first, halfword(code, at + 2), divisions);
          if (site != null) {
            sites.add(site);
          }
        } else if (!wide && !divisions && (first & 0xF000) == 0xC000) {
          sites.add(
              new CheckedInstruction(
                  start + at, (first >> 8) & 7, (first & 0x0800) != 0 ? "LDM" : "STM"));
        }
        at += wide ? 4 : 2;
      }
    }
    return sites;
  }

  private static CheckedInstruction decodeWide(
      long address, int first, int second, boolean divisions) {
    int rn = first & 0xF;
    if (divisions) {
      boolean divide =
          ((first & 0xFFF0) == 0xFB90 || (first & 0xFFF0) == 0xFBB0) && (second & 0xF0F0) == 0xF0F0;
      return divide
          ? new CheckedInstruction(address, second & 0xF, (first & 0x0020) != 0 ? "UDIV" : "SDIV")
          : null;
    }
    if (rn == 13 || rn == 15) {
      return null;
    }
    boolean indexedOrWriteback = (first & 0x0120) != 0;
    if ((first & 0xFE40) == 0xE840 && indexedOrWriteback) {
      return new CheckedInstruction(address, rn, (first & 0x0010) != 0 ? "LDRD" : "STRD");
    }
    if ((first & 0xFFC0) == 0xE880 || (first & 0xFFC0) == 0xE900) {
      return new CheckedInstruction(address, rn, (first & 0x0010) != 0 ? "LDM" : "STM");
    }
    return null;
  }

  private static int halfword(byte[] code, int at) {
    return (code[at] & 0xff) | ((code[at + 1] & 0xff) << 8);
  }
}
