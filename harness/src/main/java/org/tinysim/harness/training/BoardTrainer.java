package org.tinysim.harness.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.engine.training.codegen.GeneratedTraining;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * Drives a training firmware on an emulated STM32F746 through the host ABI: each call writes
 * the sample (and label), sets tinysim_command (1 infer, 2 train) and resumes the board until
 * it yields again. The updated parameters are read back by symbol.
 */
public final class BoardTrainer implements AutoCloseable {

  private static final long CYCLES_PER_COMMAND = 4_000_000_000L;
  private static final int INFER = 1;
  private static final int TRAIN = 2;

  private final TrainingFirmware firmware;
  private final Stm32f746Board board;
  private RunResult last;
  private boolean stopped;
  private long peakSram;

  /**
   * One command: the forward output, its cycles (the forward's share: the sum of the per-layer
   * counters) and the peak SRAM so far.
   */
  public record Measurement(byte[] output, long cycles, long forwardCycles, long peakSramBytes) {}

  private BoardTrainer(TrainingFirmware firmware, Stm32f746Board board, RunResult boot) {
    this.firmware = firmware;
    this.board = board;
    this.last = boot;
  }

  public static BoardTrainer start(TrainingFirmware firmware) {
    Stm32f746Board board = Stm32f746Board.disco();
    try {
      board.load(ElfImage.load(firmware.elf()));
      RunResult boot = board.run(RunOptions.cycles(CYCLES_PER_COMMAND));
      requireYield(boot, firmware, "booting");
      return new BoardTrainer(firmware, board, boot);
    } catch (RuntimeException e) {
      board.close();
      throw e;
    }
  }

  /** One training step on the board; the output is the forward's (before the update). */
  public Measurement train(byte[] input, int label) {
    board.machine().writeSymbol("tinysim_label", word(label));
    return run(TRAIN, input, "training step");
  }

  public Measurement infer(byte[] input) {
    return run(INFER, input, "inference");
  }

  /** Peak SRAM the emulator measured over every command so far (static data + stack). */
  public long peakSramBytes() {
    return peakSram;
  }

  /** Current values of the SRAM parameters, int8 tensors as bytes and int32 as ints. */
  public Map<Integer, Object> parameters() {
    Map<Integer, Object> out = new LinkedHashMap<>();
    for (GeneratedTraining.SramParameter p : firmware.code().parameters()) {
      byte[] raw = board.machine().readSymbol(p.symbol());
      if (p.int32()) {
        int[] v = new int[p.count()];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
        out.put(p.irTensor(), v);
      } else {
        out.put(p.irTensor(), raw);
      }
    }
    return out;
  }

  private Measurement run(int command, byte[] input, String phase) {
    if (stopped) {
      throw new IllegalStateException("the training firmware of " + firmware.name()
          + " has stopped");
    }
    IoBuffer in = firmware.code().forward().inputs().get(0);
    if (input.length != in.bytes()) {
      throw new IllegalArgumentException("input '" + in.tensor() + "' is " + in.bytes()
          + " bytes, got " + input.length);
    }
    Machine m = board.machine();
    m.writeSymbol(in.symbol(), input);
    m.writeSymbol("tinysim_command", word(command));
    RunResult r = board.run(RunOptions.cycles(last.cycles() + CYCLES_PER_COMMAND));
    requireYield(r, firmware, phase);
    last = r;
    peakSram = Math.max(peakSram, r.sram().peakBytes());
    int status = readWord("tinysim_status");
    if (status != 0) {
      String where = status >= GeneratedTraining.BACKWARD_ERROR_BASE
          ? "backward kernel at train.c line " + (status - GeneratedTraining.BACKWARD_ERROR_BASE)
          : "forward op " + (status - 1);
      throw new IllegalStateException(firmware.name() + ": " + phase + " failed in " + where
          + " (tsn_status != TSN_SUCCESS)");
    }
    IoBuffer out = firmware.code().forward().outputs().get(0);
    ByteBuffer layers = ByteBuffer.wrap(m.readSymbol("tinysim_layer_cycles"))
        .order(ByteOrder.LITTLE_ENDIAN);
    long forward = 0;
    while (layers.remaining() >= 4) {
      forward += Integer.toUnsignedLong(layers.getInt());
    }
    return new Measurement(m.readSymbol(out.symbol()),
        Integer.toUnsignedLong(readWord("tinysim_invoke_cycles")), forward, r.sram().peakBytes());
  }

  @Override
  public void close() {
    try {
      if (!stopped) {
        stopped = true;
        board.machine().writeSymbol("tinysim_command", word(0));
        RunResult r = board.run(RunOptions.cycles(last.cycles() + 1_000_000));
        if (r.stop() != StopKind.EXITED || r.exitStatus() != 0) {
          throw new IllegalStateException(firmware.name() + ": training firmware did not exit "
              + "cleanly on command 0: " + r.stop());
        }
      }
    } finally {
      board.close();
    }
  }

  private int readWord(String symbol) {
    return ByteBuffer.wrap(board.machine().readSymbol(symbol)).order(ByteOrder.LITTLE_ENDIAN)
        .getInt();
  }

  private static byte[] word(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private static void requireYield(RunResult r, TrainingFirmware firmware, String phase) {
    if (r.stop() != StopKind.YIELDED) {
      throw new IllegalStateException(firmware.name() + ": training firmware stopped while "
          + phase + " instead of yielding: " + r.stop() + " " + (r.fault() != null ? r.fault()
          : "status " + r.exitStatus()) + "; console: " + r.console());
    }
  }
}
