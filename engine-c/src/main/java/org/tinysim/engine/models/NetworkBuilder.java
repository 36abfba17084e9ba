package org.tinysim.engine.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tinysim.engine.floatnet.FloatLayer;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Padding;

/**
 * Appends layers with seeded He-normal initial weights (std sqrt(2 / fanIn) before a ReLU, sqrt(1 /
 * fanIn) before a linear output) and zero biases; each method returns the new tensor id.
 */
final class NetworkBuilder {

  private final String name;
  private final int[] inputShape;
  private final Random random;
  private final List<FloatLayer> layers = new ArrayList<>();

  NetworkBuilder(String name, int[] inputShape, long seed) {
    this.name = name;
    this.inputShape = inputShape.clone();
    this.random = new Random(seed);
  }

  int conv(
      String layer, int input, int outChannels, int kernel, int stride, Activation activation) {
    int inChannels = channels(input);
    int fanIn = kernel * kernel * inChannels;
    return add(
        new FloatLayer.Conv2D(
            layer,
            input,
            outChannels,
            kernel,
            kernel,
            stride,
            stride,
            Padding.SAME,
            activation,
            init(outChannels * fanIn, fanIn, activation),
            new float[outChannels]));
  }

  int depthwise(String layer, int input, int kernel, int stride, Activation activation) {
    int c = channels(input);
    return add(
        new FloatLayer.DepthwiseConv2D(
            layer,
            input,
            kernel,
            kernel,
            stride,
            stride,
            Padding.SAME,
            activation,
            init(kernel * kernel * c, kernel * kernel, activation),
            new float[c]));
  }

  int maxPool(String layer, int input, int size) {
    return add(new FloatLayer.MaxPool2D(layer, input, size, size, size, size, Padding.VALID));
  }

  int globalAveragePool(String layer, int input) {
    int[] s = shape(input);
    return add(new FloatLayer.AveragePool2D(layer, input, s[1], s[2], s[1], s[2], Padding.VALID));
  }

  int residual(String layer, int a, int b) {
    return add(new FloatLayer.Add(layer, a, b, Activation.NONE));
  }

  int flatten(String layer, int input) {
    return add(new FloatLayer.Flatten(layer, input));
  }

  int dense(String layer, int input, int units, Activation activation) {
    int fanIn = FloatNetwork.elements(shape(input));
    return add(
        new FloatLayer.FullyConnected(
            layer,
            input,
            units,
            activation,
            init(units * fanIn, fanIn, activation),
            new float[units]));
  }

  int softmax(String layer, int input) {
    return add(new FloatLayer.Softmax(layer, input));
  }

  FloatNetwork build() {
    return new FloatNetwork(name, inputShape, layers);
  }

  private int add(FloatLayer layer) {
    layers.add(layer);
    build(); // validates the new layer against its input shapes now, naming it
    return layers.size();
  }

  private int[] shape(int tensor) {
    return layers.isEmpty() ? inputShape : build().tensorShapes().get(tensor);
  }

  private int channels(int tensor) {
    int[] s = shape(tensor);
    return s[s.length - 1];
  }

  private float[] init(int count, int fanIn, Activation activation) {
    double std = Math.sqrt((activation == Activation.NONE ? 1.0 : 2.0) / fanIn);
    float[] w = new float[count];
    for (int i = 0; i < count; i++) {
      w[i] = (float) (random.nextGaussian() * std);
    }
    return w;
  }
}
