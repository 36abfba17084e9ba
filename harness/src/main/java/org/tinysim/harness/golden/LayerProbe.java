package org.tinysim.harness.golden;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.peripherals.board.HostSession;

/**
 * Names the first layer whose output differs on the board: rebuilds the model with a host yield
 * ({@code bkpt 0x42}) after every op, reads each op's output from the arena at that stop and
 * compares it with the reference's layer outputs. The board otherwise exposes graph outputs only.
 */
final class LayerProbe {

  private static final Pattern LAYER_END =
      Pattern.compile("(tinysim_layer_cycles\\[(\\d+)\\] = dwt_cycles\\(\\) - start;)");
  private static final int INFER = 1;

  private LayerProbe() {}

  static Optional<LayerMismatch> firstBadLayer(
      GeneratedModel code,
      FirmwareBuilder builder,
      Path dir,
      KernelPath path,
      List<byte[]> inputs,
      InterpreterRun expected,
      double floatTolerance) {
    return firstBadLayer(code, build(code, builder, dir, path), inputs, expected, floatTolerance);
  }

  /** The probe firmware: the model with a host yield after every op. */
  static Path build(GeneratedModel code, FirmwareBuilder builder, Path dir, KernelPath path) {
    String modelC = code.files().get("model.c");
    Matcher m = LAYER_END.matcher(modelC);
    if (!m.find()) {
      throw new IllegalStateException(
          "layer probe: no per-layer cycle store in the generated "
              + "model.c to hook (codegen template changed?)");
    }
    Map<String, String> files = new java.util.LinkedHashMap<>(code.files());
    files.put("model.c", m.replaceAll("$1\n    __asm__ volatile(\"bkpt 0x42\");"));
    GeneratedModel probe =
        new GeneratedModel(
            code.name() + "-probe",
            files,
            code.arena(),
            code.sizes(),
            code.inputs(),
            code.outputs(),
            code.opNames(),
            code.macs(),
            code.weightBytes(),
            code.memoryReport());
    probe.writeTo(dir);
    return builder.build("probe", dir, probe.sourceFiles(), path);
  }

  /** Runs one record on a {@link #build probe firmware} and compares each op's output. */
  static Optional<LayerMismatch> firstBadLayer(
      GeneratedModel code,
      Path elf,
      List<byte[]> inputs,
      InterpreterRun expected,
      double floatTolerance) {
    List<Op> ops = expected.ops();
    Map<Integer, byte[]> byOp = new HashMap<>();
    // Closed mid-inference: the probe never sends the exit command.
    try (HostSession session = HostSession.boot("layer probe", elf)) {
      for (int i = 0; i < inputs.size(); i++) {
        IoBuffer in = code.inputs().get(i);
        session.writeSymbol(in.symbol(), inputs.get(i));
      }
      session.writeWord(HostSession.COMMAND_SYMBOL, INFER);
      for (Op op : ops) {
        session.resume("op " + op.index());
        if (!code.arena().materialises(op.index())) {
          continue; // a PAD folded into its convolution leaves no padded tensor to compare
        }
        byte[] arena = session.readSymbol("tinysim_arena");
        int offset = (int) code.arena().offsetOf(op.output());
        int bytes = (int) op.output().sizeInBytes();
        byOp.put(op.index(), Arrays.copyOfRange(arena, offset, offset + bytes));
        Optional<LayerMismatch> bad =
            expected.firstMismatch(Map.of(op.index(), byOp.get(op.index())), floatTolerance);
        if (bad.isPresent()) {
          return bad;
        }
      }
    }
    return Optional.empty();
  }
}
