package org.tinysim.engine.models;

import static org.tinysim.engine.models.LayerWriter.NONE;
import static org.tinysim.engine.models.LayerWriter.RELU;
import static org.tinysim.engine.models.LayerWriter.SAME;
import static org.tinysim.engine.models.LayerWriter.VALID;

import org.tinysim.engine.models.LayerWriter.Act;
import org.tinysim.engine.tflite.BuiltinOperators;

/**
 * A small int8 graph holding every op kind a patch stage runs, in the geometries that make patch
 * borders tricky: explicit PAD with unequal sides, a strided VALID convolution, a dilated SAME
 * depthwise, a residual ADD whose skip needs a narrower region than its other branch, SAME max and
 * average pooling, then a classifier. Seeded weights, untrained.
 *
 * <pre>
 *  op0 PAD rows 1/2 cols 1/2   20x20x3 -> 23x23x3
 *  op1 CONV 3x3 s2 VALID       -> 11x11x8
 *  op2 DW 3x3 dilation 2 SAME  -> 11x11x8
 *  op3 CONV 1x1                -> 11x11x8   (a)
 *  op4 DW 3x3 SAME             -> 11x11x8   (b)
 *  op5 ADD a + b               -> 11x11x8
 *  op6 MAX_POOL 3x3 s2 SAME    -> 6x6x8
 *  op7 AVERAGE_POOL 3x3 SAME   -> 6x6x8
 *  op8 CONV 3x3 SAME           -> 6x6x16
 *  op9 AVERAGE_POOL global, op10 FULLY_CONNECTED -> 1x4
 * </pre>
 */
public final class PatchCoverageModel {

  public static final long SEED = 7L;

  private PatchCoverageModel() {}

  public static byte[] tflite() {
    LayerWriter w = new LayerWriter(SEED);
    Act in = w.input(20, 20, 3);
    Act x = w.pad(in, 1, 2, 1, 2);
    x = w.conv(x, 8, 3, 2, VALID, 1, RELU);
    x = w.depthwise(x, 3, 1, SAME, 2, RELU);
    Act a = w.conv(x, 8, 1, 1, SAME, 1, NONE);
    Act b = w.depthwise(a, 3, 1, SAME, 1, NONE);
    x = w.add(a, b);
    x = w.pool(BuiltinOperators.MAX_POOL_2D, x, 3, 2, SAME);
    x = w.pool(BuiltinOperators.AVERAGE_POOL_2D, x, 3, 1, SAME);
    x = w.conv(x, 16, 3, 1, SAME, 1, RELU);
    int logits = w.classifier(x, 4);
    return w.write(in.id(), logits, "tinysim patch coverage graph, seed " + SEED, "patch_coverage");
  }
}
