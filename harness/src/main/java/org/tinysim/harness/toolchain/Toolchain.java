package org.tinysim.harness.toolchain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * arm-none-eabi-gcc for the STM32F746: compiles C to objects and links firmware with the runtime's
 * linker script. Located from {@code -Dtinysim.gcc}, {@code $TINYSIM_GCC} or PATH.
 */
public final class Toolchain {

  /** The F746: Cortex-M7 with a single-precision FPU. */
  public static final List<String> CPU_FLAGS =
      List.of("-mcpu=cortex-m7", "-mthumb", "-mfpu=fpv5-sp-d16", "-mfloat-abi=hard");

  public static final List<String> C_FLAGS =
      List.of(
          "-std=gnu11",
          "-O2",
          "-Wall",
          "-Wextra",
          "-Wno-unused-parameter",
          "-ffunction-sections",
          "-fdata-sections");

  private static final String GCC = "arm-none-eabi-gcc";
  private static final long TIMEOUT_SECONDS = 300;

  private final Path gcc;

  public Toolchain(Path gcc) {
    this.gcc = gcc;
  }

  /** Finds arm-none-eabi-gcc or fails with how to install it. */
  public static Toolchain locate() {
    return locate(
        System.getProperty("tinysim.gcc"),
        System.getenv("TINYSIM_GCC"),
        System.getenv().getOrDefault("PATH", ""));
  }

  /**
   * @param property value of -Dtinysim.gcc (may be null)
   * @param environment value of $TINYSIM_GCC (may be null)
   * @param searchPath the PATH to search otherwise
   */
  static Toolchain locate(String property, String environment, String searchPath) {
    for (String explicit : new String[] {property, environment}) {
      if (explicit != null && !explicit.isBlank()) {
        Path p = Path.of(explicit);
        if (!Files.isExecutable(p)) {
          throw new ToolchainException("configured compiler " + p + " is not executable");
        }
        return new Toolchain(p);
      }
    }
    for (String dir : searchPath.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, GCC);
      if (Files.isExecutable(candidate)) {
        return new Toolchain(candidate);
      }
    }
    throw new ToolchainException(
        GCC
            + " not found (looked at -Dtinysim.gcc, $TINYSIM_GCC and "
            + "PATH): install gcc-arm-none-eabi (scripts/setup.sh)");
  }

  public Path gcc() {
    return gcc;
  }

  /** gcc -dumpversion, part of object cache keys. */
  public String version() {
    return run(List.of(gcc.toString(), "-dumpversion"), null, "query the version of " + gcc).trim();
  }

  /** Compiles one C file to {@code object}. */
  public void compile(Path source, Path object, List<Path> includeDirs, List<String> extraFlags) {
    List<String> cmd = new ArrayList<>();
    cmd.add(gcc.toString());
    cmd.addAll(C_FLAGS);
    cmd.addAll(CPU_FLAGS);
    cmd.addAll(extraFlags);
    includeDirs.forEach(d -> cmd.add("-I" + d));
    cmd.addAll(List.of("-c", source.toString(), "-o", object.toString()));
    run(cmd, object.getParent(), "compile " + source);
  }

  /** Links objects with the runtime linker script; heap 0 (generated firmwares never malloc). */
  public void link(List<Path> objects, Path linkerScript, Path elf) {
    List<String> cmd = new ArrayList<>();
    cmd.add(gcc.toString());
    cmd.addAll(CPU_FLAGS);
    cmd.addAll(
        List.of(
            "--specs=nano.specs",
            "-nostartfiles",
            "-Wl,--gc-sections",
            "-T" + linkerScript,
            "-Wl,--defsym=__heap_size=0",
            "-Wl,-Map=" + elf.resolveSibling(elf.getFileName() + ".map"),
            "-o",
            elf.toString()));
    objects.forEach(o -> cmd.add(o.toString()));
    cmd.add("-lm");
    run(cmd, elf.getParent(), "link " + elf);
  }

  private static String run(List<String> cmd, Path workDir, String what) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      if (workDir != null) {
        Files.createDirectories(workDir);
        pb.directory(workDir.toFile());
      }
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ToolchainException("timed out after " + TIMEOUT_SECONDS + " s: " + what);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new ToolchainException(
            "failed to "
                + what
                + " (exit "
                + p.exitValue()
                + "):\n"
                + text
                + "command: "
                + String.join(" ", cmd));
      }
      return text;
    } catch (IOException e) {
      throw new ToolchainException(
          "cannot run " + cmd.get(0) + " to " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolchainException("interrupted while trying to " + what, e);
    }
  }
}
