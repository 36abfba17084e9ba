package org.tinysim.engine.models;

import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.floatnet.FloatForward;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.Trainer;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;

/** Test-set accuracy of a float network and of its int8 model on the host reference interpreter. */
public final class Accuracy {

  private Accuracy() {}

  public static double ofFloat(FloatNetwork net, LabelledImages test) {
    return fraction(
        test.size(),
        i -> {
          float[][] t = FloatForward.run(net, test.floatImage(i));
          return Trainer.argmax(t[t.length - 1]) == test.label(i);
        });
  }

  /** Sequential: the interpreter is not documented as thread-safe. */
  public static double ofInt8(ReferenceInterpreter interpreter, LabelledImages test) {
    long ok = 0;
    for (int i = 0; i < test.size(); i++) {
      byte[] scores = interpreter.run(TensorData.int8(int8Input(test.image(i)))).get(0).int8();
      if (argmax(scores) == test.label(i)) {
        ok++;
      }
    }
    return (double) ok / test.size();
  }

  /** Index of the largest int8 score, the first one on ties (int8 converts to float exactly). */
  public static int argmax(byte[] scores) {
    return Trainer.argmax(toFloat(scores));
  }

  /** Pixels 0..255 as the bundled models' int8 input (scale 1/255, zero point -128). */
  public static byte[] int8Input(byte[] pixels) {
    byte[] q = new byte[pixels.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = (byte) ((pixels[i] & 0xff) - 128);
    }
    return q;
  }

  private static float[] toFloat(byte[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = values[i];
    }
    return f;
  }

  /** Counting is exact whatever the thread order, so a parallel stream is safe here. */
  private static double fraction(int n, IntPredicate correct) {
    long ok = IntStream.range(0, n).parallel().filter(correct).count();
    return (double) ok / n;
  }
}
