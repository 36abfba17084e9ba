package org.tinysim.engine.quantize;

import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.floatnet.FloatForward;
import org.tinysim.engine.floatnet.FloatNetwork;

/** Float min/max of every tensor of a network over a set of calibration inputs. */
public record CalibrationRanges(float[] min, float[] max) {

  public CalibrationRanges {
    min = min.clone();
    max = max.clone();
  }

  /** Runs {@link FloatForward} on each input and records each tensor id's extremes. */
  public static CalibrationRanges measure(FloatNetwork net, List<float[]> inputs) {
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "network '" + net.name() + "': at least one calibration input is needed");
    }
    int tensors = net.layers().size() + 1;
    float[] min = new float[tensors];
    float[] max = new float[tensors];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < inputs.size(); i++) {
      float[][] values;
      try {
        values = FloatForward.run(net, inputs.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("calibration input " + i + ": " + e.getMessage(), e);
      }
      for (int t = 0; t < tensors; t++) {
        for (float v : values[t]) {
          if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(
                "network '"
                    + net.name()
                    + "', calibration input "
                    + i
                    + ": tensor "
                    + t
                    + " holds "
                    + v);
          }
          min[t] = Math.min(min[t], v);
          max[t] = Math.max(max[t], v);
        }
      }
    }
    return new CalibrationRanges(min, max);
  }

  public float min(int tensorId) {
    return min[tensorId];
  }

  public float max(int tensorId) {
    return max[tensorId];
  }
}
