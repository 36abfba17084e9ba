package org.tinysim.engine.floatnet;

import java.util.List;
import org.tinysim.engine.floatnet.FloatLayer.Add;
import org.tinysim.engine.floatnet.FloatLayer.AveragePool2D;
import org.tinysim.engine.floatnet.FloatLayer.Conv2D;
import org.tinysim.engine.floatnet.FloatLayer.DepthwiseConv2D;
import org.tinysim.engine.floatnet.FloatLayer.Flatten;
import org.tinysim.engine.floatnet.FloatLayer.FullyConnected;
import org.tinysim.engine.floatnet.FloatLayer.MaxPool2D;
import org.tinysim.engine.floatnet.FloatLayer.Softmax;
import org.tinysim.engine.ir.Activation;

/**
 * Float reference forward pass. Plain float arithmetic in a fixed loop order, so results are
 * bit-identical on every JVM (Java 17 float math is strict); padding follows TFLite (SAME puts the
 * odd extra pad at the bottom/right, pools skip padded positions).
 */
public final class FloatForward {

  private FloatForward() {}

  /** Runs the network; returns every tensor by id (index 0 is a copy of the input). */
  public static float[][] run(FloatNetwork net, float[] input) {
    List<int[]> shapes = net.tensorShapes();
    int expected = FloatNetwork.elements(shapes.get(0));
    if (input == null || input.length != expected) {
      throw new IllegalArgumentException(
          "network '"
              + net.name()
              + "' expects "
              + expected
              + " input values, got "
              + (input == null ? "null" : input.length));
    }
    float[][] tensors = new float[shapes.size()][];
    tensors[0] = input.clone();
    for (int i = 0; i < net.layers().size(); i++) {
      tensors[i + 1] = layer(net.layers().get(i), tensors, shapes);
    }
    return tensors;
  }

  /** Forward of one layer given all tensors computed so far and all shapes. */
  public static float[] layer(FloatLayer layer, float[][] tensors, List<int[]> shapes) {
    if (layer instanceof Conv2D c) {
      return conv2d(c, shapes.get(c.input()), tensors[c.input()]);
    } else if (layer instanceof DepthwiseConv2D d) {
      return depthwise(d, shapes.get(d.input()), tensors[d.input()]);
    } else if (layer instanceof FullyConnected f) {
      return fullyConnected(f, tensors[f.input()]);
    } else if (layer instanceof AveragePool2D p) {
      return averagePool(p, shapes.get(p.input()), tensors[p.input()]);
    } else if (layer instanceof MaxPool2D p) {
      return maxPool(p, shapes.get(p.input()), tensors[p.input()]);
    } else if (layer instanceof Add a) {
      return add(a, tensors[a.a()], tensors[a.b()]);
    } else if (layer instanceof Flatten f) {
      return tensors[f.input()].clone();
    } else if (layer instanceof Softmax s) {
      return softmax(tensors[s.input()], shapes.get(s.input()));
    }
    throw new IllegalArgumentException("unknown layer type " + layer.getClass());
  }

  public static float[] conv2d(Conv2D c, int[] inShape, float[] in) {
    int ih = inShape[1], iw = inShape[2], ic = inShape[3];
    SpatialWindow wy =
        SpatialWindow.of(c.name(), "height", c.padding(), ih, c.kernelH(), c.strideH());
    SpatialWindow wx =
        SpatialWindow.of(c.name(), "width", c.padding(), iw, c.kernelW(), c.strideW());
    int oh = wy.outSize(),
        ow = wx.outSize(),
        oc = c.outChannels(),
        kh = c.kernelH(),
        kw = c.kernelW();
    // HWIO copy: the innermost loop then runs over output channels without a reduction,
    // which the JIT vectorises (Java forbids reordering float sums, so dot products stay scalar).
    float[] w = c.weights();
    float[] hwio = new float[w.length];
    for (int o = 0; o < oc; o++) {
      for (int k = 0; k < kh * kw * ic; k++) {
        hwio[k * oc + o] = w[o * kh * kw * ic + k];
      }
    }
    float[] out = new float[oh * ow * oc];
    float[] acc = new float[oc];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        System.arraycopy(c.bias(), 0, acc, 0, oc);
        for (int ky = 0; ky < kh; ky++) {
          int y = oy * c.strideH() - wy.padBefore() + ky;
          if (y < 0 || y >= ih) {
            continue;
          }
          for (int kx = 0; kx < kw; kx++) {
            int x = ox * c.strideW() - wx.padBefore() + kx;
            if (x < 0 || x >= iw) {
              continue;
            }
            int inBase = (y * iw + x) * ic;
            int wBase = (ky * kw + kx) * ic * oc;
            for (int i = 0; i < ic; i++) {
              float v = in[inBase + i];
              if (v == 0f) {
                continue; // ReLU outputs are sparse
              }
              int row = wBase + i * oc;
              for (int o = 0; o < oc; o++) {
                acc[o] += v * hwio[row + o];
              }
            }
          }
        }
        int outBase = (oy * ow + ox) * oc;
        for (int o = 0; o < oc; o++) {
          out[outBase + o] = activate(acc[o], c.activation());
        }
      }
    }
    return out;
  }

  public static float[] depthwise(DepthwiseConv2D d, int[] inShape, float[] in) {
    int ih = inShape[1], iw = inShape[2], ch = inShape[3];
    SpatialWindow wy =
        SpatialWindow.of(d.name(), "height", d.padding(), ih, d.kernelH(), d.strideH());
    SpatialWindow wx =
        SpatialWindow.of(d.name(), "width", d.padding(), iw, d.kernelW(), d.strideW());
    if (d.strideW() == 1) {
      return depthwiseRows(d, inShape, in, wy, wx);
    }
    int oh = wy.outSize(), ow = wx.outSize(), kw = d.kernelW();
    float[] w = d.weights();
    float[] out = new float[oh * ow * ch];
    float[] acc = new float[ch];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        System.arraycopy(d.bias(), 0, acc, 0, ch);
        for (int ky = 0; ky < d.kernelH(); ky++) {
          int y = oy * d.strideH() - wy.padBefore() + ky;
          if (y < 0 || y >= ih) {
            continue;
          }
          for (int kx = 0; kx < kw; kx++) {
            int x = ox * d.strideW() - wx.padBefore() + kx;
            if (x < 0 || x >= iw) {
              continue;
            }
            int inBase = (y * iw + x) * ch;
            int wBase = (ky * kw + kx) * ch;
            for (int c = 0; c < ch; c++) {
              acc[c] += in[inBase + c] * w[wBase + c];
            }
          }
        }
        int outBase = (oy * ow + ox) * ch;
        for (int c = 0; c < ch; c++) {
          out[outBase + c] = activate(acc[c], d.activation());
        }
      }
    }
    return out;
  }

  /**
   * Depthwise with horizontal stride 1: for one kernel tap and output row, the inputs of
   * consecutive output pixels are contiguous, so the whole row is one long vectorisable loop
   * against the tap's weights tiled across the row. Per element the taps still add in (ky, kx)
   * order after the bias, as in the general loop.
   */
  private static float[] depthwiseRows(
      DepthwiseConv2D d, int[] inShape, float[] in, SpatialWindow wy, SpatialWindow wx) {
    int ih = inShape[1], iw = inShape[2], ch = inShape[3];
    int oh = wy.outSize(), ow = wx.outSize(), kw = d.kernelW();
    float[] out = new float[oh * ow * ch];
    for (int p = 0; p < oh * ow; p++) {
      System.arraycopy(d.bias(), 0, out, p * ch, ch);
    }
    float[] tiled = new float[ow * ch];
    for (int ky = 0; ky < d.kernelH(); ky++) {
      for (int kx = 0; kx < kw; kx++) {
        for (int ox = 0; ox < ow; ox++) {
          System.arraycopy(d.weights(), (ky * kw + kx) * ch, tiled, ox * ch, ch);
        }
        int oxStart = Math.max(0, wx.padBefore() - kx);
        int oxEnd = Math.min(ow, iw + wx.padBefore() - kx);
        if (oxEnd <= oxStart) {
          continue;
        }
        int n = (oxEnd - oxStart) * ch;
        for (int oy = 0; oy < oh; oy++) {
          int y = oy * d.strideH() - wy.padBefore() + ky;
          if (y < 0 || y >= ih) {
            continue;
          }
          int outBase = (oy * ow + oxStart) * ch;
          int inBase = (y * iw + oxStart - wx.padBefore() + kx) * ch;
          for (int j = 0; j < n; j++) {
            out[outBase + j] += in[inBase + j] * tiled[j];
          }
        }
      }
    }
    for (int k = 0; k < out.length; k++) {
      out[k] = activate(out[k], d.activation());
    }
    return out;
  }

  public static float[] fullyConnected(FullyConnected f, float[] in) {
    int n = in.length;
    float[] w = f.weights();
    float[] out = new float[f.outUnits()];
    for (int o = 0; o < out.length; o++) {
      float s = 0f;
      int base = o * n;
      for (int i = 0; i < n; i++) {
        s += in[i] * w[base + i];
      }
      out[o] = activate(s + f.bias()[o], f.activation());
    }
    return out;
  }

  public static float[] averagePool(AveragePool2D p, int[] inShape, float[] in) {
    return pool(
        p.name(),
        p.padding(),
        p.kernelH(),
        p.kernelW(),
        p.strideH(),
        p.strideW(),
        inShape,
        in,
        false);
  }

  public static float[] maxPool(MaxPool2D p, int[] inShape, float[] in) {
    return pool(
        p.name(),
        p.padding(),
        p.kernelH(),
        p.kernelW(),
        p.strideH(),
        p.strideW(),
        inShape,
        in,
        true);
  }

  private static float[] pool(
      String name,
      org.tinysim.engine.ir.Padding padding,
      int kh,
      int kw,
      int sh,
      int sw,
      int[] inShape,
      float[] in,
      boolean max) {
    int ih = inShape[1], iw = inShape[2], ch = inShape[3];
    SpatialWindow wy = SpatialWindow.of(name, "height", padding, ih, kh, sh);
    SpatialWindow wx = SpatialWindow.of(name, "width", padding, iw, kw, sw);
    int oh = wy.outSize(), ow = wx.outSize();
    float[] out = new float[oh * ow * ch];
    float[] r = new float[ch];
    for (int oy = 0; oy < oh; oy++) {
      int y0 = Math.max(0, oy * sh - wy.padBefore());
      int y1 = Math.min(ih, oy * sh - wy.padBefore() + kh);
      for (int ox = 0; ox < ow; ox++) {
        int x0 = Math.max(0, ox * sw - wx.padBefore());
        int x1 = Math.min(iw, ox * sw - wx.padBefore() + kw);
        // Channels innermost: contiguous and vectorisable.
        System.arraycopy(in, (y0 * iw + x0) * ch, r, 0, ch);
        boolean first = true;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            if (first) {
              first = false;
              continue;
            }
            int base = (y * iw + x) * ch;
            if (max) {
              for (int c = 0; c < ch; c++) {
                float v = in[base + c];
                r[c] = v > r[c] ? v : r[c];
              }
            } else {
              for (int c = 0; c < ch; c++) {
                r[c] += in[base + c];
              }
            }
          }
        }
        int outBase = (oy * ow + ox) * ch;
        if (max) {
          System.arraycopy(r, 0, out, outBase, ch);
        } else {
          float count = (y1 - y0) * (x1 - x0);
          for (int c = 0; c < ch; c++) {
            out[outBase + c] = r[c] / count;
          }
        }
      }
    }
    return out;
  }

  public static float[] add(Add a, float[] x, float[] y) {
    float[] out = new float[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = activate(x[i] + y[i], a.activation());
    }
    return out;
  }

  /** Softmax over the last axis, shifted by the row maximum for range safety. */
  public static float[] softmax(float[] in, int[] shape) {
    int depth = shape[shape.length - 1];
    float[] out = new float[in.length];
    for (int base = 0; base < in.length; base += depth) {
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < depth; i++) {
        max = Math.max(max, in[base + i]);
      }
      double sum = 0;
      for (int i = 0; i < depth; i++) {
        double e = StrictMath.exp(in[base + i] - max);
        out[base + i] = (float) e;
        sum += e;
      }
      for (int i = 0; i < depth; i++) {
        out[base + i] = (float) (out[base + i] / sum);
      }
    }
    return out;
  }

  /** Applies a fused activation. */
  public static float activate(float v, Activation activation) {
    return switch (activation) {
      case NONE -> v;
      case RELU -> Math.max(0f, v);
      case RELU6 -> Math.min(6f, Math.max(0f, v));
      case RELU_N1_TO_1 -> Math.min(1f, Math.max(-1f, v));
    };
  }
}
