package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.util.List;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/**
 * Builds the bundled demo (classpath {@code firmware/demo/}) with the runtime, using the same CPU
 * flags and -O2 as the runtime's firmware.mk and its linker script.
 */
final class DemoFirmware {

  static final List<String> SOURCES = List.of("demo.c", "conv.c");
  private static final List<String> FILES = List.of("demo.c", "conv.c", "conv.h");

  private DemoFirmware() {}

  static Path build(Path buildRoot) {
    Path dir = ClasspathFiles.extract("firmware/demo", FILES, buildRoot.resolve("demo"));
    return new FirmwareBuilder(Toolchain.locate(), buildRoot)
        .build("demo", dir, SOURCES, KernelPath.DSP);
  }
}
