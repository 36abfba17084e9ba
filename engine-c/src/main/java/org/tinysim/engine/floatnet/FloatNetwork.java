package org.tinysim.engine.floatnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinysim.engine.floatnet.FloatLayer.Add;
import org.tinysim.engine.floatnet.FloatLayer.AveragePool2D;
import org.tinysim.engine.floatnet.FloatLayer.Conv2D;
import org.tinysim.engine.floatnet.FloatLayer.DepthwiseConv2D;
import org.tinysim.engine.floatnet.FloatLayer.Flatten;
import org.tinysim.engine.floatnet.FloatLayer.FullyConnected;
import org.tinysim.engine.floatnet.FloatLayer.MaxPool2D;
import org.tinysim.engine.floatnet.FloatLayer.Softmax;

/**
 * A float CNN as a DAG in topological order: tensor 0 is the input (NHWC, batch 1), layer i
 * produces tensor i + 1. The constructor infers every tensor's shape and rejects inconsistent
 * layers (unknown or later tensor ids, weight sizes, channel counts) naming the layer.
 */
public record FloatNetwork(String name, int[] inputShape, List<FloatLayer> layers) {

  public FloatNetwork {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("network name is missing");
    }
    if (inputShape == null
        || inputShape.length != 4
        || inputShape[0] != 1
        || Arrays.stream(inputShape).anyMatch(d -> d <= 0)) {
      throw new IllegalArgumentException(
          "network '"
              + name
              + "': input shape must be {1,H,W,C} with positive"
              + " dimensions, got "
              + Arrays.toString(inputShape));
    }
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("network '" + name + "' has no layers");
    }
    inputShape = inputShape.clone();
    layers = List.copyOf(layers);
    inferShapes(inputShape, layers);
  }

  /** Shapes of all tensors, indexed by tensor id (layers.size() + 1 entries). */
  public List<int[]> tensorShapes() {
    return inferShapes(inputShape, layers);
  }

  /** Shape of the network output (the last layer's tensor). */
  public int[] outputShape() {
    List<int[]> shapes = tensorShapes();
    return shapes.get(shapes.size() - 1);
  }

  /** Number of elements of a shape. */
  public static int elements(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Count of weights and biases over all layers. */
  public long parameterCount() {
    long n = 0;
    for (FloatLayer layer : layers) {
      n += weightsOf(layer).length + biasOf(layer).length;
    }
    return n;
  }

  private static List<int[]> inferShapes(int[] inputShape, List<FloatLayer> layers) {
    List<int[]> shapes = new ArrayList<>(layers.size() + 1);
    shapes.add(inputShape);
    for (int i = 0; i < layers.size(); i++) {
      FloatLayer layer = layers.get(i);
      if (layer == null) {
        throw new IllegalArgumentException("layer " + i + " is null");
      }
      for (int in : layer.inputs()) {
        if (in > i) {
          throw new IllegalArgumentException(
              "layer '"
                  + layer.name()
                  + "' (index "
                  + i
                  + ") reads tensor "
                  + in
                  + ", which is not produced before it (tensors 0.."
                  + i
                  + " exist)");
        }
      }
      shapes.add(outputShape(layer, shapes));
    }
    return shapes;
  }

  private static int[] outputShape(FloatLayer layer, List<int[]> shapes) {
    String n = layer.name();
    if (layer instanceof Conv2D c) {
      int[] in = spatial(n, shapes.get(c.input()));
      LayerChecks.length(
          n,
          "weights (OHWI)",
          c.weights(),
          (long) c.outChannels() * c.kernelH() * c.kernelW() * in[3]);
      return window(
          n, in, c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padding(), c.outChannels());
    } else if (layer instanceof DepthwiseConv2D d) {
      int[] in = spatial(n, shapes.get(d.input()));
      LayerChecks.length(
          n, "weights (1HWC)", d.weights(), (long) d.kernelH() * d.kernelW() * in[3]);
      LayerChecks.length(n, "bias", d.bias(), in[3]);
      return window(n, in, d.kernelH(), d.kernelW(), d.strideH(), d.strideW(), d.padding(), in[3]);
    } else if (layer instanceof FullyConnected f) {
      int inUnits = elements(shapes.get(f.input()));
      LayerChecks.length(n, "weights [out][in]", f.weights(), (long) f.outUnits() * inUnits);
      return new int[] {1, f.outUnits()};
    } else if (layer instanceof AveragePool2D p) {
      int[] in = spatial(n, shapes.get(p.input()));
      return window(n, in, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding(), in[3]);
    } else if (layer instanceof MaxPool2D p) {
      int[] in = spatial(n, shapes.get(p.input()));
      return window(n, in, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding(), in[3]);
    } else if (layer instanceof Add a) {
      int[] sa = shapes.get(a.a());
      int[] sb = shapes.get(a.b());
      if (!Arrays.equals(sa, sb)) {
        throw new IllegalArgumentException(
            "layer '"
                + n
                + "': operand shapes differ, "
                + Arrays.toString(sa)
                + " vs "
                + Arrays.toString(sb));
      }
      return sa.clone();
    } else if (layer instanceof Flatten f) {
      return new int[] {1, elements(shapes.get(f.input()))};
    } else if (layer instanceof Softmax s) {
      return shapes.get(s.input()).clone();
    }
    throw new IllegalArgumentException("unknown layer type " + layer.getClass());
  }

  /** The layer's weight array, or an empty array for layers without weights. */
  public static float[] weightsOf(FloatLayer layer) {
    if (layer instanceof Conv2D c) {
      return c.weights();
    } else if (layer instanceof DepthwiseConv2D d) {
      return d.weights();
    } else if (layer instanceof FullyConnected f) {
      return f.weights();
    }
    return new float[0];
  }

  /** The layer's bias array, or an empty array for layers without weights. */
  public static float[] biasOf(FloatLayer layer) {
    if (layer instanceof Conv2D c) {
      return c.bias();
    } else if (layer instanceof DepthwiseConv2D d) {
      return d.bias();
    } else if (layer instanceof FullyConnected f) {
      return f.bias();
    }
    return new float[0];
  }

  private static int[] spatial(String layer, int[] shape) {
    if (shape.length != 4) {
      throw new IllegalArgumentException(
          "layer '" + layer + "' needs an NHWC input, got shape " + Arrays.toString(shape));
    }
    return shape;
  }

  private static int[] window(
      String layer,
      int[] in,
      int kh,
      int kw,
      int sh,
      int sw,
      org.tinysim.engine.ir.Padding padding,
      int outChannels) {
    int oh = SpatialWindow.of(layer, "height", padding, in[1], kh, sh).outSize();
    int ow = SpatialWindow.of(layer, "width", padding, in[2], kw, sw).outSize();
    return new int[] {1, oh, ow, outChannels};
  }
}
