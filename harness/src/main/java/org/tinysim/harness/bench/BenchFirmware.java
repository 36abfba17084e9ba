package org.tinysim.harness.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.harness.cli.ClasspathFiles;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/**
 * The bundled bench firmwares (classpath {@code firmware/bench}): the int8 dot product {@code
 * bench.c}, whose host contract is {@code bench_config} = {magic, rounds} in .noinit and a checksum
 * printed on semihosting, and the RTOS workloads {@code rtos_bench.c} ({@link RtosBench}).
 */
public final class BenchFirmware {

  public static final String CONFIG_SYMBOL = "bench_config";
  private static final int MAGIC = 0x7B3C4E11;
  private static final Pattern CHECKSUM = Pattern.compile("bench checksum 0x([0-9A-Fa-f]{8})");

  private BenchFirmware() {}

  public static Path build(Path buildRoot) {
    return build(buildRoot, "bench");
  }

  public static Path buildRtos(Path buildRoot) {
    return build(buildRoot, "rtos_bench");
  }

  private static Path build(Path buildRoot, String name) {
    String source = name + ".c";
    Path dir = ClasspathFiles.extract("firmware/bench", List.of(source), buildRoot.resolve(name));
    return new FirmwareBuilder(Toolchain.locate(), buildRoot)
        .build(name, dir, List.of(source), KernelPath.DSP);
  }

  /** The bytes of {@code bench_config} that make the firmware run {@code rounds} rounds. */
  public static byte[] config(long rounds) {
    if (rounds < 1 || rounds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("bench rounds out of range: " + rounds);
    }
    return ByteBuffer.allocate(8)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(MAGIC)
        .putInt((int) rounds)
        .array();
  }

  public static Optional<Long> checksum(String console) {
    Matcher m = CHECKSUM.matcher(console);
    return m.find() ? Optional.of(Long.parseLong(m.group(1), 16)) : Optional.empty();
  }
}
