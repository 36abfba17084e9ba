package org.tinysim.emulator.cycles;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs arm-none-eabi-as/gcc/objcopy/objdump so tests check real encodings, not hand-typed hex. */
public final class ArmToolchain {
  private static final Pattern OBJDUMP_LINE =
      Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{4})(?: ([0-9a-f]{4}))?\\s+(\\S+)(.*)$");

  /** One instruction as objdump prints it. */
  record Disassembled(int offset, int length, String mnemonic, String operands) {}

  private ArmToolchain() {}

  /** Skips the calling test when the cross toolchain is not installed. */
  public static void assumeInstalled() {
    assumeTrue(
        runs("arm-none-eabi-as", "--version") && runs("arm-none-eabi-objdump", "--version"),
        "arm-none-eabi binutils not installed: skipping tests that need real Thumb-2 encodings");
  }

  static void assumeCompilerInstalled() {
    assumeInstalled();
    assumeTrue(runs("arm-none-eabi-gcc", "--version"), "arm-none-eabi-gcc not installed: skipping");
  }

  /** Assembles Thumb-2 source lines; returns the object file. */
  static Path assemble(Path dir, String source) throws IOException {
    Path src = dir.resolve("snippet.s");
    Files.writeString(
        src, ".syntax unified\n.thumb\n.text\n" + source + "\n", StandardCharsets.UTF_8);
    Path obj = dir.resolve("snippet.o");
    run(
        List.of(
            "arm-none-eabi-as",
            "-mcpu=cortex-m7",
            "-mthumb",
            "-mfpu=fpv5-d16",
            "-o",
            obj.toString(),
            src.toString()));
    return obj;
  }

  /** Compiles a C file with -O2 for Cortex-M7 with the double-precision FPU. */
  static Path compile(Path dir, String cSource) throws IOException {
    Path src = dir.resolve("kernel.c");
    Files.writeString(src, cSource, StandardCharsets.UTF_8);
    Path obj = dir.resolve("kernel.o");
    run(
        List.of(
            "arm-none-eabi-gcc",
            "-O2",
            "-mcpu=cortex-m7",
            "-mthumb",
            "-mfpu=fpv5-d16",
            "-mfloat-abi=hard",
            "-ffunction-sections",
            "-c",
            "-o",
            obj.toString(),
            src.toString()));
    return obj;
  }

  /**
   * Assembles Thumb-2 source and links it into a bare firmware ELF: {@code .vectors} first at
   * 0x08000000 (flash), then {@code .text}, with {@code .bss} in SRAM at 0x20000000.
   */
  public static Path linkFirmware(Path dir, String source) throws IOException {
    Path obj = assemble(dir, source);
    Path elf = dir.resolve("firmware.elf");
    run(
        List.of(
            "arm-none-eabi-ld",
            "-nostdlib",
            "--no-warn-rwx-segments",
            "-e",
            "reset",
            "--section-start=.vectors=0x08000000",
            "-Ttext=0x08000400",
            "-Tbss=0x20000000",
            "-o",
            elf.toString(),
            obj.toString()));
    return elf;
  }

  /** Raw bytes of one section of an object file. */
  static byte[] sectionBytes(Path obj, String section) throws IOException {
    Path bin = obj.resolveSibling(obj.getFileName() + section.replace('.', '_') + ".bin");
    run(
        List.of(
            "arm-none-eabi-objcopy",
            "-O",
            "binary",
            "-j",
            section,
            obj.toString(),
            bin.toString()));
    return Files.readAllBytes(bin);
  }

  /** Assembles and returns the .text bytes. */
  static byte[] assembleBytes(Path dir, String source) throws IOException {
    return sectionBytes(assemble(dir, source), ".text");
  }

  /**
   * objdump -d of one section: each instruction's offset, length and mnemonic (data words
   * excluded).
   */
  static List<Disassembled> disassemble(Path obj, String section) throws IOException {
    String out = run(List.of("arm-none-eabi-objdump", "-d", "-j", section, obj.toString()));
    List<Disassembled> result = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher m = OBJDUMP_LINE.matcher(line);
      if (m.matches()) {
        int length = m.group(3) == null ? 2 : 4;
        result.add(
            new Disassembled(
                Integer.parseInt(m.group(1), 16), length, m.group(4), m.group(5).trim()));
      }
    }
    return result;
  }

  static List<String> sections(Path obj, String prefix) throws IOException {
    String out = run(List.of("arm-none-eabi-objdump", "-h", obj.toString()));
    List<String> names = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length > 2 && parts[1].startsWith(prefix)) {
        names.add(parts[1]);
      }
    }
    return names;
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed:\n" + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out;
  }
}
