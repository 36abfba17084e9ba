package org.tinysim.harness.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;
import org.tinysim.harness.toolchain.ToolchainException;

/**
 * Builds a lab firmware from copies of the student's files (the student's directory is never
 * written) plus the lab's own harness files, on the board support C and the kernels.
 */
final class LabFirmware {

  /** The ELF, or the compiler's message when it did not build. */
  record Build(Path elf, String error) {
    boolean ok() {
      return elf != null;
    }
  }

  private LabFirmware() {}

  /**
   * @param files absolute paths of the sources and headers to copy into {@code buildDir/src}
   * @param extra generated files: name and content
   */
  static Build build(String name, List<Path> files, List<String[]> extra, Path buildDir) {
    Path src = buildDir.resolve("src");
    // buildRoot/labs/<lab>/student: kernel and board objects are cached once, in buildRoot.
    Path libRoot = buildDir.getParent().getParent().getParent();
    try {
      Files.createDirectories(src);
      List<String> cFiles = new ArrayList<>();
      for (Path f : files) {
        Path dest = src.resolve(f.getFileName().toString());
        Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
        addIfC(cFiles, dest);
      }
      for (String[] e : extra) {
        Path dest = src.resolve(e[0]);
        Files.writeString(dest, e[1]);
        addIfC(cFiles, dest);
      }
      Path elf =
          new FirmwareBuilder(Toolchain.locate(), libRoot).build(name, src, cFiles, KernelPath.DSP);
      return new Build(elf, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the lab build in " + src, e);
    } catch (ToolchainException e) {
      return new Build(null, firstLines(e.getMessage(), 12));
    }
  }

  private static void addIfC(List<String> cFiles, Path file) {
    String n = file.getFileName().toString();
    if (n.endsWith(".c")) {
      cFiles.add(n);
    }
  }

  static String firstLines(String text, int n) {
    String[] lines = String.valueOf(text).split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(n, lines.length); i++) {
      String line = lines[i].length() > 240 ? lines[i].substring(0, 240) + " ..." : lines[i];
      sb.append(i == 0 ? "" : "\n      ").append(line);
    }
    return sb.toString().trim();
  }
}
