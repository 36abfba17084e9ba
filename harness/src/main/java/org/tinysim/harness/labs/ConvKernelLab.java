package org.tinysim.harness.labs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.oracle.Conv2DInt8;
import org.tinysim.engine.oracle.ConvParams;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * Lab 2, an int8 conv kernel: the student's {@code conv.c} runs on the emulated board on seeded
 * random data; its output must equal the oracle's {@link Conv2DInt8} bit for bit, and its
 * DWT-measured cycles must be within the band an SMLAD/SXTB16 kernel reaches.
 */
final class ConvKernelLab implements Lab {

  static final int H = 12;
  static final int W = 12;
  static final int CIN = 16;
  static final int COUT = 16;
  static final int INPUT_ZERO_POINT = -3;
  static final int OUTPUT_ZERO_POINT = -7;
  static final long SEED = 14;
  static final long MACS = (long) H * W * COUT * 9 * CIN;

  /**
   * Cycles per MAC to pass: the naive starter takes 5.45, the reference SMLAD kernel 2.33 (one
   * output channel per column pass); anything at or below this is a real DSP kernel.
   */
  static final double MAX_CYCLES_PER_MAC = 3.0;

  @Override
  public int number() {
    return 2;
  }

  @Override
  public String title() {
    return "an int8 conv kernel: naive to SMLAD/SXTB16, bit-exact, cycles measured";
  }

  @Override
  public String folder() {
    return "lab2-conv";
  }

  @Override
  public List<String> studentFiles() {
    return List.of("conv.c");
  }

  @Override
  public LabReport check(Path dir, Path labDir, Path buildRoot) {
    List<Criterion> out = new ArrayList<>();
    Data data = Data.random(new Random(SEED));
    Path harness = labDir.resolve("harness");
    LabFirmware.Build build =
        LabFirmware.build(
            "lab2",
            List.of(
                dir.resolve("conv.c"), harness.resolve("lab2.h"), harness.resolve("lab2_main.c")),
            List.of(
                new String[] {"lab2_config.h", data.configHeader()},
                new String[] {"lab2_data.c", data.source()}),
            buildRoot.resolve("labs").resolve(folder()).resolve("student"));
    if (!build.ok()) {
      out.add(
          Criterion.fail(
              "builds",
              "arm-none-eabi-gcc failed:\n      " + build.error(),
              "fix the compiler errors first"));
      return new LabReport(number(), title(), dir.toString(), out);
    }
    out.add(
        Criterion.pass(
            "builds",
            build.elf()
                + " (see where the cycles go: tinysim run "
                + build.elf()
                + " --cycle-report)"));
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(build.elf()));
      RunResult r = board.run(RunOptions.cycles(2_000_000_000L));
      if (r.stop() != StopKind.EXITED || !Integer.valueOf(0).equals(r.exitStatus())) {
        out.add(
            Criterion.fail(
                "runs",
                "stopped with "
                    + r.stop()
                    + ", exit status "
                    + r.exitStatus()
                    + (r.fault() == null ? "" : ": " + r.fault()),
                "the kernel must return; look for out-of-bounds indexing"));
        return new LabReport(number(), title(), dir.toString(), out);
      }
      byte[] actual = board.machine().readSymbol("lab2_output");
      long cycles =
          Integer.toUnsignedLong(
              ByteBuffer.wrap(board.machine().readSymbol("lab2_cycles"))
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .getInt());
      out.add(exactness(data.expected(), actual));
      double perMac = (double) cycles / MACS;
      out.add(
          Criterion.check(
              perMac <= MAX_CYCLES_PER_MAC,
              "cycles within the DSP band",
              String.format(
                  "%,d cycles for %,d MACs = %.2f cycles/MAC (band <= %.2f)",
                  cycles, MACS, perMac, MAX_CYCLES_PER_MAC),
              "use SMLAD (two 16x16 MACs per instruction) on SXTB16-widened weights; hoist the "
                  + "padding test out of the MAC loop; read the stall causes with --cycle-report"));
    }
    return new LabReport(number(), title(), dir.toString(), out);
  }

  private static Criterion exactness(byte[] expected, byte[] actual) {
    int wrong = 0;
    int first = -1;
    for (int i = 0; i < expected.length; i++) {
      if (i >= actual.length || expected[i] != actual[i]) {
        wrong++;
        first = first < 0 ? i : first;
      }
    }
    String measured =
        wrong == 0
            ? String.format("all %d outputs equal the oracle's", expected.length)
            : String.format(
                "%d of %d outputs differ; first at index %d (y %d, x %d, oc %d): "
                    + "expected %d, got %d",
                wrong,
                expected.length,
                first,
                first / (W * COUT),
                first / COUT % W,
                first % COUT,
                expected[first],
                actual[first]);
    return Criterion.check(
        wrong == 0,
        "bit-exact vs the oracle",
        measured,
        "check the input offset (added before multiplying), the OHWI filter index, the padding "
            + "taps (they contribute 0) and the SXTB16 lane order");
  }

  /** Seeded inputs, weights and per-channel quantisation, and the oracle's output. */
  record Data(
      byte[] input, byte[] filter, int[] bias, int[] multiplier, int[] shift, byte[] expected) {

    static Data random(Random rnd) {
      byte[] input = new byte[H * W * CIN];
      byte[] filter = new byte[COUT * 9 * CIN];
      rnd.nextBytes(input);
      rnd.nextBytes(filter);
      int[] bias = new int[COUT];
      int[] multiplier = new int[COUT];
      int[] shift = new int[COUT];
      for (int c = 0; c < COUT; c++) {
        bias[c] = rnd.nextInt(4001) - 2000;
        multiplier[c] = (1 << 30) + rnd.nextInt(1 << 30);
        shift[c] = -9 - rnd.nextInt(2);
      }
      ConvParams p =
          new ConvParams(
              -INPUT_ZERO_POINT, OUTPUT_ZERO_POINT, multiplier, shift, 1, 1, 1, 1, 1, 1, -128, 127);
      byte[] expected = new byte[H * W * COUT];
      Conv2DInt8.run(
          p,
          new Shape4(1, H, W, CIN),
          input,
          new Shape4(COUT, 3, 3, CIN),
          filter,
          bias,
          new Shape4(1, H, W, COUT),
          expected);
      return new Data(input, filter, bias, multiplier, shift, expected);
    }

    String configHeader() {
      return String.format(
          """
          /* Written by the lab 2 grader. */
          #ifndef LAB2_CONFIG_H
          #define LAB2_CONFIG_H
          #define LAB2_H %d
          #define LAB2_W %d
          #define LAB2_CIN %d
          #define LAB2_COUT %d
          #define LAB2_INPUT_OFFSET (%d)
          #define LAB2_OUTPUT_OFFSET (%d)
          #define LAB2_ACT_MIN (-128)
          #define LAB2_ACT_MAX 127
          #endif
          """,
          H, W, CIN, COUT, -INPUT_ZERO_POINT, OUTPUT_ZERO_POINT);
    }

    String source() {
      StringBuilder sb =
          new StringBuilder(
              "/* Written by the lab 2 grader (seed " + SEED + "). */\n#include <stdint.h>\n");
      array(sb, "int8_t", "lab2_input", toInts(input), 4);
      array(sb, "int8_t", "lab2_filter", toInts(filter), 4);
      array(sb, "int32_t", "lab2_bias", bias, 4);
      array(sb, "int32_t", "lab2_multiplier", multiplier, 4);
      array(sb, "int32_t", "lab2_shift", shift, 4);
      sb.append("int8_t lab2_output[")
          .append(H * W * COUT)
          .append("] __attribute__((aligned(4)));\n");
      return sb.toString();
    }

    private static int[] toInts(byte[] b) {
      int[] v = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        v[i] = b[i];
      }
      return v;
    }

    private static void array(StringBuilder sb, String type, String name, int[] values, int align) {
      sb.append(type)
          .append(' ')
          .append(name)
          .append('[')
          .append(values.length)
          .append("] __attribute__((aligned(")
          .append(align)
          .append("))) = {");
      for (int i = 0; i < values.length; i++) {
        sb.append(i % 16 == 0 ? "\n    " : " ").append(values[i]).append(',');
      }
      sb.append("\n};\n");
    }
  }
}
