package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * The arena planner sizes kernel scratch with the emitters' {@code scratchBytes}, Java restatements
 * of the kernels' {@code *_get_buffer_size} functions. This builds the C functions for the host and
 * compares the two over sweeps of layer shapes, so they cannot drift apart.
 */
class ScratchMatchesKernelTest {
  private static final Path KERNELS = Path.of("../kernels-cmsis/src/main/c");
  private static final String CONV_DRIVER =
      """
      #include <stdio.h>
      #include "tsn_nnfunctions.h"

      /* Reads "filter_h filter_w in_channels pad_h pad_w stride out_channels" lines, prints the
       * scratch bytes of the folded wrapper (what the engine calls) and of the plain one (the
       * lean part). */
      int main(void) {
          int fh, fw, c, ph, pw, s, oc;
          while (scanf("%d %d %d %d %d %d %d", &fh, &fw, &c, &ph, &pw, &s, &oc) == 7) {
              tsn_conv_params p = {0};
              p.stride.h = p.stride.w = s;
              p.dilation.h = p.dilation.w = 1;
              p.padding.h = ph;
              p.padding.w = pw;
              tsn_dims input = {1, 16, 16, c};
              tsn_dims filter = {oc, fh, fw, c};
              printf("%d %d\\n", (int)tsn_convolve_wrapper_start_s8_get_buffer_size(&p, &input, &filter),
                     (int)tsn_convolve_wrapper_s8_get_buffer_size(&p, &input, &filter));
          }
          return 0;
      }
      """;

  @TempDir Path dir;

  @Test
  void javaScratchSizeEqualsTheKernelsBufferSizeFunction()
      throws IOException, InterruptedException {
    assumeTrue(
        runs("gcc", "--version"), "host gcc not installed: skipping the C/Java scratch check");
    assertThat(KERNELS.resolve("Include/tsn_nnfunctions.h")).exists();
    Path driver = buildDriver(CONV_DRIVER);

    List<int[]> shapes = new ArrayList<>();
    for (int fh : new int[] {1, 2, 3, 5, 7}) {
      for (int fw : new int[] {1, 3, 5}) {
        for (int c : new int[] {1, 3, 8, 17, 24, 32, 64, 255, 256}) {
          for (int[] pad : new int[][] {{0, 0}, {1, 0}, {0, 1}, {2, 3}}) {
            for (int stride : new int[] {1, 2, 3}) {
              for (int outCh : new int[] {8, 7}) {
                shapes.add(new int[] {fh, fw, c, pad[0], pad[1], stride, outCh});
              }
            }
          }
        }
      }
    }
    StringBuilder input = new StringBuilder();
    shapes.forEach(
        s ->
            input
                .append(s[0])
                .append(' ')
                .append(s[1])
                .append(' ')
                .append(s[2])
                .append(' ')
                .append(s[3])
                .append(' ')
                .append(s[4])
                .append(' ')
                .append(s[5])
                .append(' ')
                .append(s[6])
                .append('\n'));
    String[] fromC = run(List.of(driver.toString()), input.toString()).trim().split("\n");

    assertThat(fromC).hasSameSizeAs(shapes);
    Conv2DEmitter emitter = new Conv2DEmitter();
    int nonZero = 0;
    int withOptional = 0;
    int wide = 0;
    for (int i = 0; i < shapes.size(); i++) {
      int[] s = shapes.get(i);
      PreparedOp op = conv(s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
      String[] c = fromC[i].trim().split(" ");
      String shape =
          String.format(
              "filter %dx%d, %d input channels, padding %d/%d, stride %d, %d output channels",
              s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
      long java = emitter.scratchBytes(op, false);
      long lean = emitter.leanScratchBytes(op);
      assertThat(java).as(shape).isEqualTo(Long.parseLong(c[0]));
      assertThat(lean).as(shape + " (lean)").isEqualTo(Long.parseLong(c[1]));
      nonZero += java > 0 ? 1 : 0;
      withOptional += java > lean ? 1 : 0;
      wide += Conv2DEmitter.pointwiseWideBytes(op) > 0 ? 1 : 0;
    }
    assertThat(withOptional).as("the sweep covers the RGB route's optional scratch").isPositive();
    assertThat(wide).as("the sweep covers the widened pointwise route").isPositive();
    assertThat(nonZero)
        .as("the sweep covers both the 1x1 and the im2col routes")
        .isPositive()
        .isLessThan(shapes.size());
  }

  private static PreparedOp conv(int fh, int fw, int c, int padH, int padW, int stride, int outCh) {
    Tensor in = activation(0, Shape.of(1, 16, 16, c));
    Tensor filter =
        new Tensor(
            1,
            "f",
            Shape.of(outCh, fh, fw, c),
            DataType.INT8,
            Quantization.perTensor(0.01f, 0),
            new byte[outCh * fh * fw * c],
            false);
    Tensor out = activation(2, Shape.of(1, 16, 16, outCh));
    Op.Conv2D op =
        new Op.Conv2D(
            0, in, filter, null, out, Padding.SAME, stride, stride, 1, 1, Activation.NONE);
    OpParams.Conv params =
        new OpParams.Conv(
            0,
            0,
            new int[outCh],
            new int[outCh],
            -128,
            127,
            stride,
            stride,
            1,
            1,
            padH,
            padW,
            0,
            0);
    return new PreparedOp(op, params);
  }

  private static Tensor activation(int index, Shape shape) {
    return new Tensor(
        index, "t" + index, shape, DataType.INT8, Quantization.perTensor(0.1f, 0), null, false);
  }

  @Test
  void javaAddScratchEqualsTheKernelsBufferSizeFunction() throws IOException, InterruptedException {
    assumeTrue(
        runs("gcc", "--version"), "host gcc not installed: skipping the C/Java scratch check");
    Path driver =
        buildDriver(
            """
            #include <stdio.h>
            #include "tsn_nnfunctions.h"

            int main(void) {
                int size;
                while (scanf("%d", &size) == 1) {
                    printf("%d\\n", (int)tsn_add_s8_get_buffer_size(size));
                }
                return 0;
            }
            """);
    int[] sizes = {1, 7, 100, 511, 512, 513, 4096, 16384, 76800};
    StringBuilder input = new StringBuilder();
    for (int size : sizes) {
      input.append(size).append('\n');
    }
    String[] fromC = run(List.of(driver.toString()), input.toString()).trim().split("\n");

    assertThat(fromC).hasSameSizeAs(sizes);
    AddEmitter emitter = new AddEmitter();
    int nonZero = 0;
    for (int i = 0; i < sizes.length; i++) {
      long java = emitter.scratchBytes(add(sizes[i]), false);
      assertThat(java).as("ADD of %d elements", sizes[i]).isEqualTo(Long.parseLong(fromC[i]));
      nonZero += java > 0 ? 1 : 0;
    }
    assertThat(nonZero).as("the sweep covers both routes").isPositive().isLessThan(sizes.length);
  }

  @Test
  void javaDepthwiseScratchEqualsTheKernelsBufferSizeFunction()
      throws IOException, InterruptedException {
    assumeTrue(
        runs("gcc", "--version"), "host gcc not installed: skipping the C/Java scratch check");
    Path driver =
        buildDriver(
            """
            #include <stdio.h>
            #include "tsn_nnfunctions.h"

            /* Reads "filter input_h input_w pad_h pad_w stride" lines, prints the scratch bytes. */
            int main(void) {
                int k, h, w, ph, pw, s;
                while (scanf("%d %d %d %d %d %d", &k, &h, &w, &ph, &pw, &s) == 6) {
                    tsn_dw_conv_params p = {0};
                    p.ch_mult = 1;
                    p.stride.h = p.stride.w = s;
                    p.dilation.h = p.dilation.w = 1;
                    p.padding.h = ph;
                    p.padding.w = pw;
                    tsn_dims input = {1, h, w, 8};
                    tsn_dims filter = {1, k, k, 8};
                    printf("%d\\n",
                           (int)tsn_depthwise_conv_wrapper_s8_get_buffer_size(&p, &input, &filter));
                }
                return 0;
            }
            """);
    List<int[]> shapes = new ArrayList<>();
    for (int k : new int[] {1, 3, 5, 7}) {
      for (int[] hw : new int[][] {{6, 6}, {11, 12}, {12, 11}, {48, 48}, {3, 40}}) {
        for (int pad : new int[] {0, 1, 3}) {
          for (int stride : new int[] {1, 2}) {
            shapes.add(new int[] {k, hw[0], hw[1], pad, pad == 3 ? 2 : pad, stride});
          }
        }
      }
    }
    StringBuilder input = new StringBuilder();
    for (int[] sh : shapes) {
      input.append(String.format("%d %d %d %d %d %d%n", sh[0], sh[1], sh[2], sh[3], sh[4], sh[5]));
    }
    String[] fromC = run(List.of(driver.toString()), input.toString()).trim().split("\n");

    assertThat(fromC).hasSameSizeAs(shapes);
    DepthwiseEmitter emitter = new DepthwiseEmitter();
    int nonZero = 0;
    int wide3x3 = 0;
    for (int i = 0; i < shapes.size(); i++) {
      int[] sh = shapes.get(i);
      long java = emitter.scratchBytes(depthwise(sh[0], sh[1], sh[2], sh[3], sh[4], sh[5]), false);
      assertThat(java)
          .as(
              "%dx%d filter on %dx%d, padding %d/%d, stride %d",
              sh[0], sh[0], sh[1], sh[2], sh[3], sh[4], sh[5])
          .isEqualTo(Long.parseLong(fromC[i]));
      nonZero += java > 0 ? 1 : 0;
      PreparedOp op = depthwise(sh[0], sh[1], sh[2], sh[3], sh[4], sh[5]);
      if (java > 0) {
        // (8 channels) the kernel that runs in place by itself comes first among the choices
        assertThat(emitter.inPlaceScratchChoices(op).get(0)).isEqualTo(align4(java));
        wide3x3 += DepthwiseEmitter.wide3x3Bytes(op) > 0 ? 1 : 0;
      }
    }
    assertThat(nonZero)
        .as("the sweep covers the plane kernel and the others")
        .isPositive()
        .isLessThan(shapes.size());
    assertThat(wide3x3).as("the sweep covers the 3x3 kernel's widened copy").isPositive();
  }

  private static long align4(long bytes) {
    return (bytes + 3) & ~3L;
  }

  private static PreparedOp depthwise(int k, int h, int w, int padH, int padW, int stride) {
    Tensor in = activation(0, Shape.of(1, h, w, 8));
    Tensor filter =
        new Tensor(
            1,
            "f",
            Shape.of(1, k, k, 8),
            DataType.INT8,
            Quantization.perTensor(0.01f, 0),
            new byte[k * k * 8],
            false);
    Tensor out = activation(2, Shape.of(1, h, w, 8));
    Op.DepthwiseConv2D op =
        new Op.DepthwiseConv2D(
            0, in, filter, null, out, Padding.SAME, stride, stride, 1, 1, 1, Activation.NONE);
    OpParams.DepthwiseConv params =
        new OpParams.DepthwiseConv(
            0, 0, new int[8], new int[8], -128, 127, stride, stride, 1, 1, padH, padW, 0, 0, 1);
    return new PreparedOp(op, params);
  }

  private static PreparedOp add(int size) {
    Shape shape = Shape.of(1, 1, 1, size);
    Op.Add op =
        new Op.Add(
            0, activation(0, shape), activation(1, shape), activation(2, shape), Activation.NONE);
    return new PreparedOp(op, null);
  }

  private Path buildDriver(String driverSource) throws IOException, InterruptedException {
    Path source = dir.resolve("scratch_sizes.c");
    Files.writeString(source, driverSource, StandardCharsets.UTF_8);
    Path exe = dir.resolve("scratch_sizes");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "gcc",
                "-std=c99",
                "-O0",
                "-I" + KERNELS.resolve("Include"),
                "-o",
                exe.toString(),
                source.toString()));
    try (Stream<Path> files = Files.walk(KERNELS)) {
      files.filter(p -> p.toString().endsWith(".c")).sorted().forEach(p -> cmd.add(p.toString()));
    }
    cmd.add("-lm");
    run(cmd, "");
    return exe;
  }

  private static String run(List<String> command, String stdin)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
