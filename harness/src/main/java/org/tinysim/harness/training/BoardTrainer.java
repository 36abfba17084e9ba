package org.tinysim.harness.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.engine.training.codegen.GeneratedTraining;
import org.tinysim.peripherals.board.HostSession;

/**
 * Drives a training firmware on an emulated STM32F746 through the host ABI: each call writes the
 * sample (and label), sets tinysim_command (1 infer, 2 train) and resumes the board until it yields
 * again. The updated parameters are read back by symbol.
 */
public final class BoardTrainer implements AutoCloseable {

  private static final int INFER = 1;
  private static final int TRAIN = 2;

  private final TrainingFirmware firmware;
  private final HostSession session;
  private long peakSram;

  /**
   * One command: the forward output, its cycles (the forward's share: the sum of the per-layer
   * counters) and the peak SRAM so far.
   */
  public record Measurement(byte[] output, long cycles, long forwardCycles, long peakSramBytes) {}

  private BoardTrainer(TrainingFirmware firmware, HostSession session) {
    this.firmware = firmware;
    this.session = session;
  }

  public static BoardTrainer start(TrainingFirmware firmware) {
    return new BoardTrainer(firmware, HostSession.boot(firmware.name(), firmware.elf()));
  }

  /** One training step on the board; the output is the forward's (before the update). */
  public Measurement train(byte[] input, int label) {
    session.writeWord("tinysim_label", label);
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
      byte[] raw = session.readSymbol(p.symbol());
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
    IoBuffer in = firmware.code().forward().inputs().get(0);
    if (input.length != in.bytes()) {
      throw new IllegalArgumentException(
          "input '" + in.tensor() + "' is " + in.bytes() + " bytes, got " + input.length);
    }
    session.writeSymbol(in.symbol(), input);
    RunResult r = session.command(command, phase);
    peakSram = Math.max(peakSram, r.sram().peakBytes());
    int status = session.readWord("tinysim_status");
    if (status != 0) {
      String where =
          status >= GeneratedTraining.BACKWARD_ERROR_BASE
              ? "backward kernel at train.c line "
                  + (status - GeneratedTraining.BACKWARD_ERROR_BASE)
              : "forward op " + (status - 1);
      throw new IllegalStateException(
          firmware.name() + ": " + phase + " failed in " + where + " (tsn_status != TSN_SUCCESS)");
    }
    IoBuffer out = firmware.code().forward().outputs().get(0);
    ByteBuffer layers =
        ByteBuffer.wrap(session.readSymbol("tinysim_layer_cycles")).order(ByteOrder.LITTLE_ENDIAN);
    long forward = 0;
    while (layers.remaining() >= 4) {
      forward += Integer.toUnsignedLong(layers.getInt());
    }
    return new Measurement(
        session.readSymbol(out.symbol()),
        Integer.toUnsignedLong(session.readWord("tinysim_invoke_cycles")),
        forward,
        r.sram().peakBytes());
  }

  /** Sends command 0; the firmware must exit with status 0. */
  @Override
  public void close() {
    try {
      session.exit();
    } finally {
      session.close();
    }
  }
}
