package org.tinysim.harness.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.tflite.ModelBuffer;
import org.tinysim.engine.tflite.TfliteModel;
import org.tinysim.engine.tflite.TfliteTensor;
import org.tinysim.engine.tflite.TfliteWriter;

/** The original .tflite with the trained parameters written into their buffers. */
public final class TunedModel {

  private TunedModel() {}

  /**
   * @param parameters IR tensor id (= subgraph 0 tensor index) -> int8 bytes or int32 values, as
   *     {@link BoardTrainer#parameters()} returns them
   */
  public static byte[] write(TfliteModel original, Map<Integer, Object> parameters) {
    List<ModelBuffer> buffers = new ArrayList<>(original.buffers());
    List<TfliteTensor> tensors = original.subgraphs().get(0).tensors();
    parameters.forEach(
        (id, value) -> {
          TfliteTensor t = tensors.get(id);
          byte[] data = value instanceof int[] ints ? littleEndian(ints) : (byte[]) value;
          int buffer = (int) t.buffer();
          if (buffer <= 0 || buffers.get(buffer).data().length != data.length) {
            throw new IllegalStateException(
                "tensor "
                    + id
                    + " '"
                    + t.name()
                    + "' has no buffer of "
                    + data.length
                    + " bytes to hold its trained values");
          }
          buffers.set(buffer, new ModelBuffer(data));
        });
    return TfliteWriter.write(
        new TfliteModel(
            original.source(),
            original.version(),
            original.description(),
            original.operatorCodes(),
            original.subgraphs(),
            buffers,
            original.metadata()));
  }

  private static byte[] littleEndian(int[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return b.array();
  }
}
