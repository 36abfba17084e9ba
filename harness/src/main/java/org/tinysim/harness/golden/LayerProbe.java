package org.tinysim.harness.golden;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.engine.ir.Op;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * Names the first layer whose output differs on the board: rebuilds the model with a host yield
 * ({@code bkpt 0x42}) after every op, reads each op's output from the arena at that stop and
 * compares it with the reference's layer outputs. The board otherwise exposes graph outputs only.
 */
final class LayerProbe {

  private static final Pattern LAYER_END =
      Pattern.compile("(tinysim_layer_cycles\\[(\\d+)\\] = dwt_cycles\\(\\) - start;)");
  private static final long CYCLES_PER_STEP = 4_000_000_000L;

  private LayerProbe() {}

  static Optional<LayerMismatch> firstBadLayer(GeneratedModel code, FirmwareBuilder builder,
      Path dir, KernelPath path, List<byte[]> inputs, InterpreterRun expected,
      double floatTolerance) {
    String modelC = code.files().get("model.c");
    Matcher m = LAYER_END.matcher(modelC);
    if (!m.find()) {
      throw new IllegalStateException("layer probe: no per-layer cycle store in the generated "
          + "model.c to hook (codegen template changed?)");
    }
    Map<String, String> files = new java.util.LinkedHashMap<>(code.files());
    files.put("model.c", m.replaceAll("$1\n    __asm__ volatile(\"bkpt 0x42\");"));
    GeneratedModel probe = new GeneratedModel(code.name() + "-probe", files, code.arena(),
        code.sizes(), code.inputs(), code.outputs(), code.opNames(), code.macs(),
        code.weightBytes(), code.memoryReport());
    probe.writeTo(dir);
    Path elf = builder.build("probe", dir, probe.sourceFiles(), path);
    List<Op> ops = expected.ops();
    Map<Integer, byte[]> byOp = new HashMap<>();
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(elf));
      RunResult r = board.run(RunOptions.cycles(CYCLES_PER_STEP));
      requireYield(r, "booting");
      Machine machine = board.machine();
      for (int i = 0; i < inputs.size(); i++) {
        IoBuffer in = code.inputs().get(i);
        machine.writeSymbol(in.symbol(), inputs.get(i));
      }
      machine.writeSymbol("tinysim_command", ByteBuffer.allocate(4)
          .order(ByteOrder.LITTLE_ENDIAN).putInt(1).array());
      for (Op op : ops) {
        r = board.run(RunOptions.cycles(r.cycles() + CYCLES_PER_STEP));
        requireYield(r, "op " + op.index());
        byte[] arena = machine.readSymbol("tinysim_arena");
        int offset = (int) code.arena().offsetOf(op.output());
        int bytes = (int) op.output().sizeInBytes();
        byOp.put(op.index(), Arrays.copyOfRange(arena, offset, offset + bytes));
        Optional<LayerMismatch> bad = expected.firstMismatch(Map.of(op.index(),
            byOp.get(op.index())), floatTolerance);
        if (bad.isPresent()) {
          return bad;
        }
      }
    }
    return Optional.empty();
  }

  private static void requireYield(RunResult r, String phase) {
    if (r.stop() != StopKind.YIELDED) {
      throw new IllegalStateException("layer probe: firmware stopped while " + phase + ": "
          + r.stop() + (r.fault() != null ? " " + r.fault() : "") + "; console: " + r.console());
    }
  }
}
