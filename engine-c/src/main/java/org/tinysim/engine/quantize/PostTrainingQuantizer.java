package org.tinysim.engine.quantize;

import java.util.List;
import org.tinysim.engine.floatnet.FloatLayer;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.BuiltinOptions;
import org.tinysim.engine.tflite.TensorType;
import org.tinysim.engine.tflite.TfliteModel;
import org.tinysim.engine.tflite.TfliteModelBuilder;
import org.tinysim.engine.tflite.TfliteQuantization;
import org.tinysim.engine.tflite.TfliteWriter;

/**
 * Post-training int8 quantisation of a {@link FloatNetwork} into a .tflite model (contract C2).
 *
 * <ul>
 *   <li>Input: int8, scale 1/255, zero point -128, so a pixel p (float p/255) is p - 128.
 *   <li>Activations: per-tensor asymmetric, from the calibration min/max (always including 0).
 *       Pools and Flatten keep their input's parameters, since TFLite's int8 kernels for them do
 *       not rescale; Softmax writes 1/256 with zero point -128.
 *   <li>Weights: per-channel symmetric int8; bias int32 at input scale * weight scale.
 *   <li>Fused activations go in the operator options; the calibration range already has them.
 * </ul>
 *
 * Operator versions are those TFLite converters record for int8 operands. Output depends only on
 * the network and the calibration inputs: same inputs, same bytes.
 */
public final class PostTrainingQuantizer {

  /** Contract C2: the input holds pixel/255 for pixels 0..255, stored as pixel - 128. */
  public static final AffineQuantization INPUT = new AffineQuantization(1f / 255, -128);

  /** TFLite's int8 softmax output: probabilities in 1/256 steps from -128. */
  public static final AffineQuantization SOFTMAX_OUTPUT = new AffineQuantization(1f / 256, -128);

  private PostTrainingQuantizer() {}

  /** Quantises {@code net} and writes it as .tflite bytes. */
  public static byte[] quantize(FloatNetwork net, List<float[]> calibrationInputs) {
    return TfliteWriter.write(quantizeToModel(net, calibrationInputs));
  }

  /** Quantises {@code net} into model records (for callers that inspect before writing). */
  public static TfliteModel quantizeToModel(FloatNetwork net, List<float[]> calibrationInputs) {
    checkInputRange(net, calibrationInputs);
    CalibrationRanges ranges = CalibrationRanges.measure(net, calibrationInputs);
    return new Emitter(net, ranges).emit();
  }

  /** The fixed input encoding only covers [0, 1]; values outside would silently saturate. */
  private static void checkInputRange(FloatNetwork net, List<float[]> inputs) {
    for (int i = 0; inputs != null && i < inputs.size(); i++) {
      float[] x = inputs.get(i);
      for (int j = 0; x != null && j < x.length; j++) {
        if (!(x[j] >= 0f && x[j] <= 1f)) {
          throw new IllegalArgumentException(
              "network '"
                  + net.name()
                  + "', calibration input "
                  + i
                  + ", element "
                  + j
                  + ": "
                  + x[j]
                  + " outside [0, 1] (the int8 input encodes "
                  + "pixel/255)");
        }
      }
    }
  }

  /** Emits one network's tensors and operators; tensor id i of the network maps to ids[i]. */
  private static final class Emitter {
    private final FloatNetwork net;
    private final CalibrationRanges ranges;
    private final List<int[]> shapes;
    private final AffineQuantization[] quant;
    private final int[] ids;
    private final TfliteModelBuilder b = new TfliteModelBuilder();

    Emitter(FloatNetwork net, CalibrationRanges ranges) {
      this.net = net;
      this.ranges = ranges;
      this.shapes = net.tensorShapes();
      this.quant = new AffineQuantization[shapes.size()];
      this.ids = new int[shapes.size()];
    }

    TfliteModel emit() {
      quant[0] = INPUT;
      ids[0] = activationTensor("input", 0);
      for (int i = 0; i < net.layers().size(); i++) {
        layer(net.layers().get(i), i + 1);
      }
      int last = shapes.size() - 1;
      b.inputs(ids[0])
          .outputs(ids[last])
          .subgraphName(net.name())
          .description("tinysim post-training int8 quantisation of " + net.name());
      return b.build(net.name());
    }

    private void layer(FloatLayer layer, int out) {
      if (layer instanceof FloatLayer.Conv2D c) {
        conv(c, out);
      } else if (layer instanceof FloatLayer.DepthwiseConv2D d) {
        depthwise(d, out);
      } else if (layer instanceof FloatLayer.FullyConnected f) {
        fullyConnected(f, out);
      } else if (layer instanceof FloatLayer.AveragePool2D p) {
        pool(
            BuiltinOperators.AVERAGE_POOL_2D,
            p.name(),
            p.input(),
            out,
            p.kernelH(),
            p.kernelW(),
            p.strideH(),
            p.strideW(),
            p.padding());
      } else if (layer instanceof FloatLayer.MaxPool2D p) {
        pool(
            BuiltinOperators.MAX_POOL_2D,
            p.name(),
            p.input(),
            out,
            p.kernelH(),
            p.kernelW(),
            p.strideH(),
            p.strideW(),
            p.padding());
      } else if (layer instanceof FloatLayer.Add a) {
        add(a, out);
      } else if (layer instanceof FloatLayer.Flatten f) {
        flatten(f, out);
      } else if (layer instanceof FloatLayer.Softmax s) {
        softmax(s, out);
      } else {
        throw new IllegalArgumentException(
            "layer '"
                + layer.name()
                + "': no int8 mapping for "
                + layer.getClass().getSimpleName());
      }
    }

    private void conv(FloatLayer.Conv2D c, int out) {
      int inC = shapes.get(c.input())[3];
      ChannelWeights w =
          ChannelWeights.quantize(
              c.name(),
              c.weights(),
              c.bias(),
              c.outChannels(),
              c.kernelH() * c.kernelW() * inC,
              quant[c.input()].scale());
      int filter =
          weights(c.name(), new int[] {c.outChannels(), c.kernelH(), c.kernelW(), inC}, w, 0);
      int bias = bias(c.name(), w, c.input());
      quant[out] = calibrated(out);
      ids[out] = activationTensor(c.name(), out);
      b.op(
          BuiltinOperators.CONV_2D,
          3,
          new int[] {ids[c.input()], filter, bias},
          new int[] {ids[out]},
          new BuiltinOptions.Conv2D(
              paddingCode(c.padding()),
              c.strideW(),
              c.strideH(),
              activationCode(c.activation()),
              1,
              1));
    }

    private void depthwise(FloatLayer.DepthwiseConv2D d, int out) {
      int channels = shapes.get(d.input())[3];
      ChannelWeights w =
          ChannelWeights.quantize(
              d.name(), d.weights(), d.bias(), channels, 1, quant[d.input()].scale());
      int filter = weights(d.name(), new int[] {1, d.kernelH(), d.kernelW(), channels}, w, 3);
      int bias = bias(d.name(), w, d.input());
      quant[out] = calibrated(out);
      ids[out] = activationTensor(d.name(), out);
      b.op(
          BuiltinOperators.DEPTHWISE_CONV_2D,
          3,
          new int[] {ids[d.input()], filter, bias},
          new int[] {ids[out]},
          new BuiltinOptions.DepthwiseConv2D(
              paddingCode(d.padding()),
              d.strideW(),
              d.strideH(),
              1,
              activationCode(d.activation()),
              1,
              1));
    }

    private void fullyConnected(FloatLayer.FullyConnected f, int out) {
      int inUnits = FloatNetwork.elements(shapes.get(f.input()));
      ChannelWeights w =
          ChannelWeights.quantize(
              f.name(), f.weights(), f.bias(), f.outUnits(), inUnits, quant[f.input()].scale());
      int weights = weights(f.name(), new int[] {f.outUnits(), inUnits}, w, 0);
      int bias = bias(f.name(), w, f.input());
      quant[out] = calibrated(out);
      ids[out] = activationTensor(f.name(), out);
      b.op(
          BuiltinOperators.FULLY_CONNECTED,
          4,
          new int[] {ids[f.input()], weights, bias},
          new int[] {ids[out]},
          new BuiltinOptions.FullyConnected(activationCode(f.activation()), 0, false, false));
    }

    private void pool(
        int code,
        String name,
        int in,
        int out,
        int kernelH,
        int kernelW,
        int strideH,
        int strideW,
        Padding padding) {
      quant[out] = quant[in];
      ids[out] = activationTensor(name, out);
      b.op(
          code,
          2,
          new int[] {ids[in]},
          new int[] {ids[out]},
          new BuiltinOptions.Pool2D(paddingCode(padding), strideW, strideH, kernelW, kernelH, 0));
    }

    private void add(FloatLayer.Add a, int out) {
      quant[out] = calibrated(out);
      ids[out] = activationTensor(a.name(), out);
      b.op(
          BuiltinOperators.ADD,
          2,
          new int[] {ids[a.a()], ids[a.b()]},
          new int[] {ids[out]},
          new BuiltinOptions.Add(activationCode(a.activation()), true));
    }

    private void flatten(FloatLayer.Flatten f, int out) {
      int[] newShape = shapes.get(out);
      int shape =
          b.int32Constant(
              f.name() + "/shape", new int[] {newShape.length}, newShape, TfliteQuantization.NONE);
      quant[out] = quant[f.input()];
      ids[out] = activationTensor(f.name(), out);
      b.op(
          BuiltinOperators.RESHAPE,
          1,
          new int[] {ids[f.input()], shape},
          new int[] {ids[out]},
          new BuiltinOptions.Reshape(newShape));
    }

    private void softmax(FloatLayer.Softmax s, int out) {
      quant[out] = SOFTMAX_OUTPUT;
      ids[out] = activationTensor(s.name(), out);
      b.op(
          BuiltinOperators.SOFTMAX,
          2,
          new int[] {ids[s.input()]},
          new int[] {ids[out]},
          new BuiltinOptions.Softmax(1f));
    }

    private AffineQuantization calibrated(int tensor) {
      return AffineQuantization.ofRange(ranges.min(tensor), ranges.max(tensor));
    }

    private int activationTensor(String name, int tensor) {
      AffineQuantization q = quant[tensor];
      return b.tensor(
          name, TensorType.INT8, shapes.get(tensor), perTensor(q.scale(), q.zeroPoint()));
    }

    private int weights(String layer, int[] shape, ChannelWeights w, int axis) {
      return b.constant(
          layer + "/weights", TensorType.INT8, shape, w.weights(), perChannel(w.scales(), axis));
    }

    private int bias(String layer, ChannelWeights w, int input) {
      int[] values = w.bias();
      return b.int32Constant(
          layer + "/bias",
          new int[] {values.length},
          values,
          perChannel(w.biasScales(quant[input].scale()), 0));
    }
  }

  private static TfliteQuantization perTensor(float scale, int zeroPoint) {
    return new TfliteQuantization(
        new float[0], new float[0], new float[] {scale}, new long[] {zeroPoint}, 0);
  }

  private static TfliteQuantization perChannel(float[] scales, int axis) {
    return new TfliteQuantization(
        new float[0], new float[0], scales, new long[scales.length], axis);
  }

  /** Schema Padding codes. */
  private static int paddingCode(Padding p) {
    return p == Padding.SAME ? 0 : 1;
  }

  /** Schema ActivationFunctionType codes. */
  private static int activationCode(Activation a) {
    return switch (a) {
      case NONE -> 0;
      case RELU -> 1;
      case RELU_N1_TO_1 -> 2;
      case RELU6 -> 3;
    };
  }
}
