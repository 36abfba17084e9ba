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
import org.tinysim.engine.ir.Padding;

/**
 * Float reference backward pass, per layer and for a whole network. Every per-layer method
 * ACCUMULATES into the gradient arrays it is given (so fan-out and mini-batches sum), and any of
 * them may be null to skip that gradient. Fused activations are differentiated through the layer's
 * output (ReLU passes where out > 0, ReLU6 where 0 < out < 6). A channel mask (null = all) limits
 * weight and bias gradients to selected output channels; input gradients always use every channel.
 */
public final class FloatBackward {

  private FloatBackward() {}

  /**
   * Backward through layers 0..start-1 given the gradient of tensor {@code start}; accumulates
   * weight and bias gradients of the layers {@code update} selects into {@code into}. Input
   * gradients are only computed as far back as the earliest updated layer.
   *
   * @param tensors all tensors of the forward pass ({@link FloatForward#run})
   * @param start tensor id whose gradient is given (e.g. the logits feeding a final Softmax)
   */
  public static void run(
      FloatNetwork net,
      float[][] tensors,
      int start,
      float[] gradStart,
      UpdateMask update,
      Gradients into) {
    List<int[]> shapes = net.tensorShapes();
    if (start < 1 || start >= shapes.size()) {
      throw new IllegalArgumentException(
          "backward start tensor "
              + start
              + " is not a layer output of '"
              + net.name()
              + "' (1.."
              + (shapes.size() - 1)
              + ")");
    }
    if (gradStart.length != tensors[start].length) {
      throw new IllegalArgumentException(
          "gradient of tensor "
              + start
              + " has "
              + gradStart.length
              + " values, tensor has "
              + tensors[start].length);
    }
    int earliest = update.earliestUpdatedLayer();
    float[][] grads = new float[tensors.length][];
    grads[start] = gradStart;
    for (int i = start - 1; i >= 0 && i >= earliest; i--) {
      float[] gradOut = grads[i + 1];
      if (gradOut == null) {
        continue;
      }
      FloatLayer layer = net.layers().get(i);
      int[] inputs = layer.inputs();
      float[][] gradIns = new float[inputs.length][];
      for (int k = 0; k < inputs.length; k++) {
        int t = inputs[k];
        // A tensor needs a gradient only if some updated layer produced it or lies before it.
        if (t >= 1 && t - 1 >= earliest) {
          if (grads[t] == null) {
            grads[t] = new float[tensors[t].length];
          }
          gradIns[k] = grads[t];
        }
      }
      boolean w = update.updatesWeights(i);
      boolean b = update.updatesBias(i);
      layer(
          i,
          layer,
          shapes,
          tensors,
          gradOut,
          gradIns,
          w ? into.weights(i) : null,
          b ? into.bias(i) : null,
          update.channels(i));
      grads[i + 1] = null; // consumed: every reader of tensor i+1 comes later than layer i
    }
  }

  /**
   * Backward of layer {@code index} (its output is {@code tensors[index + 1]}); {@code gradIns}
   * holds one nullable accumulator per input.
   */
  public static void layer(
      int index,
      FloatLayer layer,
      List<int[]> shapes,
      float[][] tensors,
      float[] gradOut,
      float[][] gradIns,
      float[] gradW,
      float[] gradB,
      boolean[] channels) {
    float[] out = tensors[index + 1];
    if (layer instanceof Conv2D c) {
      conv2d(
          c,
          shapes.get(c.input()),
          tensors[c.input()],
          out,
          gradOut,
          gradIns[0],
          gradW,
          gradB,
          channels);
    } else if (layer instanceof DepthwiseConv2D d) {
      depthwise(
          d,
          shapes.get(d.input()),
          tensors[d.input()],
          out,
          gradOut,
          gradIns[0],
          gradW,
          gradB,
          channels);
    } else if (layer instanceof FullyConnected f) {
      fullyConnected(f, tensors[f.input()], out, gradOut, gradIns[0], gradW, gradB, channels);
    } else if (layer instanceof AveragePool2D p) {
      averagePool(p, shapes.get(p.input()), gradOut, gradIns[0]);
    } else if (layer instanceof MaxPool2D p) {
      maxPool(p, shapes.get(p.input()), tensors[p.input()], gradOut, gradIns[0]);
    } else if (layer instanceof Add a) {
      add(a, out, gradOut, gradIns[0], gradIns[1]);
    } else if (layer instanceof Flatten) {
      accumulate(gradIns[0], gradOut);
    } else if (layer instanceof Softmax s) {
      softmax(out, gradOut, shapes.get(s.input()), gradIns[0]);
    }
  }

  /** gradOut times the activation's derivative, read from the layer output. */
  public static float[] throughActivation(float[] gradOut, float[] out, Activation activation) {
    if (activation == Activation.NONE) {
      return gradOut;
    }
    float lo = activation == Activation.RELU_N1_TO_1 ? -1f : 0f;
    float hi =
        switch (activation) {
          case RELU6 -> 6f;
          case RELU_N1_TO_1 -> 1f;
          default -> Float.POSITIVE_INFINITY;
        };
    float[] g = new float[gradOut.length];
    for (int i = 0; i < g.length; i++) {
      float o = out[i];
      g[i] = o > lo && o < hi ? gradOut[i] : 0f;
    }
    return g;
  }

  public static void conv2d(
      Conv2D c,
      int[] inShape,
      float[] in,
      float[] out,
      float[] gradOut,
      float[] gradIn,
      float[] gradW,
      float[] gradB,
      boolean[] channels) {
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
    float[] g = throughActivation(gradOut, out, c.activation());
    float[] w = c.weights();
    biasGradient(g, oc, gradB, channels);
    int taps = kh * kw * ic;
    // Weight gradient accumulates in HWIO order so its inner loop runs over output channels
    // (vectorisable, and long even when the input has one channel); the input gradient runs
    // over input channels against the OHWI weights.
    float[] gwHwio = gradW == null ? null : new float[w.length];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        int outBase = (oy * ow + ox) * oc;
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
            int tap = (ky * kw + kx) * ic;
            if (gwHwio != null) {
              for (int i = 0; i < ic; i++) {
                float v = in[inBase + i];
                if (v == 0f) {
                  continue;
                }
                int row = (tap + i) * oc;
                for (int o = 0; o < oc; o++) {
                  gwHwio[row + o] += v * g[outBase + o];
                }
              }
            }
            if (gradIn != null) {
              for (int o = 0; o < oc; o++) {
                float go = g[outBase + o];
                if (go == 0f) {
                  continue;
                }
                int wBase = o * taps + tap;
                for (int i = 0; i < ic; i++) {
                  gradIn[inBase + i] += go * w[wBase + i];
                }
              }
            }
          }
        }
      }
    }
    if (gwHwio != null) {
      for (int o = 0; o < oc; o++) {
        if (channels == null || channels[o]) {
          for (int k = 0; k < taps; k++) {
            gradW[o * taps + k] += gwHwio[k * oc + o];
          }
        }
      }
    }
  }

  public static void depthwise(
      DepthwiseConv2D d,
      int[] inShape,
      float[] in,
      float[] out,
      float[] gradOut,
      float[] gradIn,
      float[] gradW,
      float[] gradB,
      boolean[] channels) {
    int ih = inShape[1], iw = inShape[2], ch = inShape[3];
    SpatialWindow wy =
        SpatialWindow.of(d.name(), "height", d.padding(), ih, d.kernelH(), d.strideH());
    SpatialWindow wx =
        SpatialWindow.of(d.name(), "width", d.padding(), iw, d.kernelW(), d.strideW());
    int oh = wy.outSize(), ow = wx.outSize(), kw = d.kernelW();
    float[] g = throughActivation(gradOut, out, d.activation());
    float[] w = d.weights();
    biasGradient(g, ch, gradB, channels);
    if (d.strideW() == 1) {
      depthwiseRows(d, inShape, in, g, gradIn, gradW, channels, wy, wx);
      return;
    }
    float[] gw = gradW == null ? null : new float[w.length];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        int outBase = (oy * ow + ox) * ch;
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
            if (gw != null) {
              for (int c = 0; c < ch; c++) {
                gw[wBase + c] += g[outBase + c] * in[inBase + c];
              }
            }
            if (gradIn != null) {
              for (int c = 0; c < ch; c++) {
                gradIn[inBase + c] += g[outBase + c] * w[wBase + c];
              }
            }
          }
        }
      }
    }
    if (gw != null) {
      for (int k = 0; k < gw.length; k++) {
        if (channels == null || channels[k % ch]) {
          gradW[k] += gw[k];
        }
      }
    }
  }

  /** Stride-1 rows as one long loop per tap and output row (see FloatForward's twin). */
  private static void depthwiseRows(
      DepthwiseConv2D d,
      int[] inShape,
      float[] in,
      float[] g,
      float[] gradIn,
      float[] gradW,
      boolean[] channels,
      SpatialWindow wy,
      SpatialWindow wx) {
    int ih = inShape[1], iw = inShape[2], ch = inShape[3];
    int oh = wy.outSize(), ow = wx.outSize(), kw = d.kernelW();
    float[] tiled = new float[ow * ch];
    float[] tapGrad = new float[ow * ch];
    for (int ky = 0; ky < d.kernelH(); ky++) {
      for (int kx = 0; kx < kw; kx++) {
        int tap = (ky * kw + kx) * ch;
        for (int ox = 0; ox < ow; ox++) {
          System.arraycopy(d.weights(), tap, tiled, ox * ch, ch);
        }
        java.util.Arrays.fill(tapGrad, 0f);
        int oxStart = Math.max(0, wx.padBefore() - kx);
        int oxEnd = Math.min(ow, iw + wx.padBefore() - kx);
        if (oxEnd <= oxStart) {
          continue;
        }
        int n = (oxEnd - oxStart) * ch;
        int gradOffset = oxStart * ch;
        for (int oy = 0; oy < oh; oy++) {
          int y = oy * d.strideH() - wy.padBefore() + ky;
          if (y < 0 || y >= ih) {
            continue;
          }
          int outBase = (oy * ow + oxStart) * ch;
          int inBase = (y * iw + oxStart - wx.padBefore() + kx) * ch;
          if (gradW != null) {
            for (int j = 0; j < n; j++) {
              tapGrad[gradOffset + j] += g[outBase + j] * in[inBase + j];
            }
          }
          if (gradIn != null) {
            for (int j = 0; j < n; j++) {
              gradIn[inBase + j] += g[outBase + j] * tiled[j];
            }
          }
        }
        if (gradW != null) {
          for (int ox = 0; ox < ow; ox++) {
            for (int c = 0; c < ch; c++) {
              if (channels == null || channels[c]) {
                gradW[tap + c] += tapGrad[ox * ch + c];
              }
            }
          }
        }
      }
    }
  }

  public static void fullyConnected(
      FullyConnected f,
      float[] in,
      float[] out,
      float[] gradOut,
      float[] gradIn,
      float[] gradW,
      float[] gradB,
      boolean[] channels) {
    int n = in.length;
    float[] g = throughActivation(gradOut, out, f.activation());
    float[] w = f.weights();
    biasGradient(g, f.outUnits(), gradB, channels);
    for (int o = 0; o < f.outUnits(); o++) {
      float go = g[o];
      if (go == 0f) {
        continue;
      }
      int base = o * n;
      if (gradW != null && (channels == null || channels[o])) {
        for (int i = 0; i < n; i++) {
          gradW[base + i] += go * in[i];
        }
      }
      if (gradIn != null) {
        for (int i = 0; i < n; i++) {
          gradIn[i] += go * w[base + i];
        }
      }
    }
  }

  public static void averagePool(AveragePool2D p, int[] inShape, float[] gradOut, float[] gradIn) {
    if (gradIn == null) {
      return;
    }
    int ch = inShape[3];
    float[] share = new float[ch];
    poolWindows(
        p.name(),
        p.padding(),
        p.kernelH(),
        p.kernelW(),
        p.strideH(),
        p.strideW(),
        inShape,
        (outBase, y0, y1, x0, x1) -> {
          int iw = inShape[2];
          float count = (y1 - y0) * (x1 - x0);
          for (int c = 0; c < ch; c++) {
            share[c] = gradOut[outBase + c] / count;
          }
          for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
              int base = (y * iw + x) * ch;
              for (int c = 0; c < ch; c++) {
                gradIn[base + c] += share[c];
              }
            }
          }
        });
  }

  /** The gradient goes to the first maximum of each window in row-major scan order. */
  public static void maxPool(
      MaxPool2D p, int[] inShape, float[] in, float[] gradOut, float[] gradIn) {
    if (gradIn == null) {
      return;
    }
    int ch = inShape[3];
    int[] best = new int[ch];
    float[] max = new float[ch];
    poolWindows(
        p.name(),
        p.padding(),
        p.kernelH(),
        p.kernelW(),
        p.strideH(),
        p.strideW(),
        inShape,
        (outBase, y0, y1, x0, x1) -> {
          int iw = inShape[2];
          int firstBase = (y0 * iw + x0) * ch;
          for (int c = 0; c < ch; c++) {
            best[c] = firstBase + c;
            max[c] = in[firstBase + c];
          }
          for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
              int base = (y * iw + x) * ch;
              for (int c = 0; c < ch; c++) {
                float v = in[base + c];
                if (v > max[c]) {
                  max[c] = v;
                  best[c] = base + c;
                }
              }
            }
          }
          for (int c = 0; c < ch; c++) {
            gradIn[best[c]] += gradOut[outBase + c];
          }
        });
  }

  public static void add(Add a, float[] out, float[] gradOut, float[] gradA, float[] gradB) {
    float[] g = throughActivation(gradOut, out, a.activation());
    accumulate(gradA, g);
    accumulate(gradB, g);
  }

  /** Softmax Jacobian-vector product: dx = y * (dy - sum(dy * y)) per row. */
  public static void softmax(float[] out, float[] gradOut, int[] shape, float[] gradIn) {
    if (gradIn == null) {
      return;
    }
    int depth = shape[shape.length - 1];
    for (int base = 0; base < out.length; base += depth) {
      float dot = 0f;
      for (int i = 0; i < depth; i++) {
        dot += gradOut[base + i] * out[base + i];
      }
      for (int i = 0; i < depth; i++) {
        gradIn[base + i] += out[base + i] * (gradOut[base + i] - dot);
      }
    }
  }

  private static void biasGradient(
      float[] g, int channelsCount, float[] gradB, boolean[] channels) {
    if (gradB == null) {
      return;
    }
    for (int base = 0; base < g.length; base += channelsCount) {
      for (int o = 0; o < channelsCount; o++) {
        if (channels == null || channels[o]) {
          gradB[o] += g[base + o];
        }
      }
    }
  }

  private static void accumulate(float[] into, float[] g) {
    if (into == null) {
      return;
    }
    for (int i = 0; i < g.length; i++) {
      into[i] += g[i];
    }
  }

  private interface WindowVisitor {
    void visit(int outBase, int y0, int y1, int x0, int x1);
  }

  private static void poolWindows(
      String name,
      Padding padding,
      int kh,
      int kw,
      int sh,
      int sw,
      int[] inShape,
      WindowVisitor visitor) {
    int ih = inShape[1], iw = inShape[2], ch = inShape[3];
    SpatialWindow wy = SpatialWindow.of(name, "height", padding, ih, kh, sh);
    SpatialWindow wx = SpatialWindow.of(name, "width", padding, iw, kw, sw);
    for (int oy = 0; oy < wy.outSize(); oy++) {
      int y0 = Math.max(0, oy * sh - wy.padBefore());
      int y1 = Math.min(ih, oy * sh - wy.padBefore() + kh);
      for (int ox = 0; ox < wx.outSize(); ox++) {
        int x0 = Math.max(0, ox * sw - wx.padBefore());
        int x1 = Math.min(iw, ox * sw - wx.padBefore() + kw);
        visitor.visit((oy * wx.outSize() + ox) * ch, y0, y1, x0, x1);
      }
    }
  }
}
