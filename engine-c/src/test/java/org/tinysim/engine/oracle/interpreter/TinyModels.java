package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.OptionsTypes;
import org.tinysim.engine.tflite.TfliteTestBuilder;

/**
 * Interpreters over the tflite test models ({@code TestModels}) plus the few extra one-op models
 * only these tests need, written with the same {@link TfliteTestBuilder}.
 */
final class TinyModels {

  private TinyModels() {}

  static ReferenceInterpreter interpreter(byte[] model) {
    return new ReferenceInterpreter(TfliteImporter.load(model, "test.tflite"));
  }

  /** MEAN of 1x2x3 over axis 2 without keep_dims, input and output both s=0.5 zp=0. */
  static byte[] meanSameQuantization() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 2, 3}, 0.5f, 0);
    int axes = b.int32Constant("axes", new int[] {1}, 2);
    int out = b.int8("output", new int[] {1, 2}, 0.5f, 0);
    b.op(
        BuiltinOperators.MEAN,
        new int[] {in, axes},
        new int[] {out},
        OptionsTypes.REDUCER,
        TfliteTestBuilder.reducer(false));
    return b.inputs(in).outputs(out).build();
  }

  /** MEAN of 1x2x3x4 over the non-adjacent axes 1 and 3. */
  static byte[] meanNonContiguous() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int in = b.int8("input", new int[] {1, 2, 3, 4}, 0.5f, 0);
    int axes = b.int32Constant("axes", new int[] {2}, 1, 3);
    int out = b.int8("output", new int[] {1, 3}, 0.5f, 0);
    b.op(
        BuiltinOperators.MEAN,
        new int[] {in, axes},
        new int[] {out},
        OptionsTypes.REDUCER,
        TfliteTestBuilder.reducer(false));
    return b.inputs(in).outputs(out).build();
  }

  /** CONCATENATION of x 1x2 (s=0.5 zp=1) and y 1x3 (s=0.25 zp=-3) into 1x5 (s=0.5 zp=1). */
  static byte[] concatenationRequantized() {
    TfliteTestBuilder b = new TfliteTestBuilder();
    int x = b.int8("x", new int[] {1, 2}, 0.5f, 1);
    int y = b.int8("y", new int[] {1, 3}, 0.25f, -3);
    int out = b.int8("out", new int[] {1, 5}, 0.5f, 1);
    b.op(
        BuiltinOperators.CONCATENATION,
        new int[] {x, y},
        new int[] {out},
        OptionsTypes.CONCATENATION,
        TfliteTestBuilder.concatenation(1, 0));
    return b.inputs(x, y).outputs(out).build();
  }
}
