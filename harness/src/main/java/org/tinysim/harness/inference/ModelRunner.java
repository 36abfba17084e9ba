package org.tinysim.harness.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * Runs a compiled model on an emulated STM32F746-DISCO through the host ABI: the firmware boots
 * once and yields (bkpt 0x42); each {@link #infer} writes the inputs and tinysim_command = 1,
 * resumes until the next yield and reads outputs and cycle counters by symbol name. Closing
 * sends command 0 and expects a clean exit.
 */
public final class ModelRunner implements AutoCloseable {

  /** Budget per resume; a model that needs more is stuck, not slow. */
  private static final long CYCLES_PER_INFERENCE = 4_000_000_000L;

  private final CompiledModel model;
  private final Stm32f746Board board;
  private RunResult last;
  private boolean stopped;

  private ModelRunner(CompiledModel model, Stm32f746Board board, RunResult boot) {
    this.model = model;
    this.board = board;
    this.last = boot;
  }

  /** Boots the firmware up to its first yield. */
  public static ModelRunner start(CompiledModel model) {
    Stm32f746Board board = Stm32f746Board.disco();
    try {
      board.load(ElfImage.load(model.elf()));
      RunResult boot = board.run(RunOptions.cycles(CYCLES_PER_INFERENCE));
      requireYield(boot, model, "booting");
      return new ModelRunner(model, board, boot);
    } catch (RuntimeException e) {
      board.close();
      throw e;
    }
  }

  public CompiledModel model() {
    return model;
  }

  public InferenceResult infer(byte[] input) {
    return infer(List.of(input));
  }

  /** One inference; {@code inputs} in graph order, each exactly the input's size. */
  public InferenceResult infer(List<byte[]> inputs) {
    if (stopped) {
      throw new IllegalStateException("the firmware of " + model.name() + " has stopped");
    }
    List<IoBuffer> io = model.code().inputs();
    if (inputs.size() != io.size()) {
      throw new IllegalArgumentException(model.name() + " has " + io.size() + " inputs, got "
          + inputs.size());
    }
    Machine m = board.machine();
    for (int i = 0; i < io.size(); i++) {
      if (inputs.get(i).length != io.get(i).bytes()) {
        throw new IllegalArgumentException("input " + i + " ('" + io.get(i).tensor() + "') is "
            + io.get(i).bytes() + " bytes, got " + inputs.get(i).length);
      }
      m.writeSymbol(io.get(i).symbol(), inputs.get(i));
    }
    m.writeSymbol("tinysim_command", word(1));
    long before = last.cycles();
    RunResult r = board.run(RunOptions.cycles(before + CYCLES_PER_INFERENCE));
    requireYield(r, model, "inference");
    last = r;
    int status = readWord("tinysim_status");
    if (status != 0) {
      throw new IllegalStateException(model.name() + ": kernel of op " + (status - 1) + " ("
          + model.ops().get(status - 1) + ") returned an error (tsn_status != TSN_SUCCESS)");
    }
    List<byte[]> outputs = new ArrayList<>();
    for (IoBuffer out : model.code().outputs()) {
      outputs.add(m.readSymbol(out.symbol()));
    }
    return new InferenceResult(outputs, Integer.toUnsignedLong(readWord("tinysim_invoke_cycles")),
        layerCycles(), r.cycles() - before, r.sram().peakBytes(), r.flashBytes(), r.coreHz());
  }

  /** Sends command 0; the firmware must exit with status 0. */
  @Override
  public void close() {
    try {
      if (!stopped) {
        stopped = true;
        board.machine().writeSymbol("tinysim_command", word(0));
        RunResult r = board.run(RunOptions.cycles(last.cycles() + 1_000_000));
        if (r.stop() != StopKind.EXITED || r.exitStatus() != 0) {
          throw new IllegalStateException(model.name() + ": firmware did not exit cleanly on "
              + "command 0: " + describe(r));
        }
      }
    } finally {
      board.close();
    }
  }

  private long[] layerCycles() {
    ByteBuffer b = ByteBuffer.wrap(board.machine().readSymbol("tinysim_layer_cycles"))
        .order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[model.ops().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Integer.toUnsignedLong(b.getInt());
    }
    return out;
  }

  private int readWord(String symbol) {
    return ByteBuffer.wrap(board.machine().readSymbol(symbol)).order(ByteOrder.LITTLE_ENDIAN)
        .getInt();
  }

  private static byte[] word(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private static void requireYield(RunResult r, CompiledModel model, String phase) {
    if (r.stop() != StopKind.YIELDED) {
      throw new IllegalStateException(model.name() + ": firmware stopped while " + phase
          + " instead of yielding: " + describe(r));
    }
  }

  private static String describe(RunResult r) {
    return switch (r.stop()) {
      case EXITED -> "exited with status " + r.exitStatus() + (r.exitStatus() == 1
          ? " (clock setup failed)" : "") + "; console: " + r.console();
      case FAULTED -> "fault " + r.fault() + "; console: " + r.console();
      case YIELDED -> "yielded";
    };
  }
}
