package org.tinysim.harness.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.peripherals.board.HostSession;

/**
 * Runs a compiled model on an emulated STM32F746-DISCO through the host ABI: the firmware boots
 * once and yields (bkpt 0x42); each {@link #infer} writes the inputs and tinysim_command = 1,
 * resumes until the next yield and reads outputs and cycle counters by symbol name. Closing sends
 * command 0 and expects a clean exit.
 */
public final class ModelRunner implements AutoCloseable {

  private static final int INFER = 1;

  private final CompiledModel model;
  private final HostSession session;

  private ModelRunner(CompiledModel model, HostSession session) {
    this.model = model;
    this.session = session;
  }

  /** Boots the firmware up to its first yield. */
  public static ModelRunner start(CompiledModel model) {
    return new ModelRunner(model, HostSession.boot(model.name(), model.elf()));
  }

  public CompiledModel model() {
    return model;
  }

  public InferenceResult infer(byte[] input) {
    return infer(List.of(input));
  }

  /** One inference; {@code inputs} in graph order, each exactly the input's size. */
  public InferenceResult infer(List<byte[]> inputs) {
    List<IoBuffer> io = model.code().inputs();
    if (inputs.size() != io.size()) {
      throw new IllegalArgumentException(
          model.name() + " has " + io.size() + " inputs, got " + inputs.size());
    }
    for (int i = 0; i < io.size(); i++) {
      if (inputs.get(i).length != io.get(i).bytes()) {
        throw new IllegalArgumentException(
            "input "
                + i
                + " ('"
                + io.get(i).tensor()
                + "') is "
                + io.get(i).bytes()
                + " bytes, got "
                + inputs.get(i).length);
      }
      session.writeSymbol(io.get(i).symbol(), inputs.get(i));
    }
    long before = session.last().cycles();
    RunResult r = session.command(INFER, "inference");
    int status = session.readWord("tinysim_status");
    if (status != 0) {
      throw new IllegalStateException(
          model.name()
              + ": kernel of op "
              + (status - 1)
              + " ("
              + model.ops().get(status - 1)
              + ") returned an error (tsn_status != TSN_SUCCESS)");
    }
    List<byte[]> outputs = new ArrayList<>();
    for (IoBuffer out : model.code().outputs()) {
      outputs.add(session.readSymbol(out.symbol()));
    }
    return new InferenceResult(
        outputs,
        Integer.toUnsignedLong(session.readWord("tinysim_invoke_cycles")),
        layerCycles(),
        r.cycles() - before,
        r.sram().peakBytes(),
        r.flashBytes(),
        r.coreHz());
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

  private long[] layerCycles() {
    ByteBuffer b =
        ByteBuffer.wrap(session.readSymbol("tinysim_layer_cycles")).order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[model.ops().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Integer.toUnsignedLong(b.getInt());
    }
    return out;
  }
}
