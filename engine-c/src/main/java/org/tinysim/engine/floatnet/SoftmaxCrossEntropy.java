package org.tinysim.engine.floatnet;

/**
 * Cross-entropy loss of a softmax classifier. Its gradient with respect to the softmax INPUT (the
 * logits) is simply probabilities minus the one-hot label, which is both cheaper and more stable
 * than chaining through the softmax Jacobian.
 */
public final class SoftmaxCrossEntropy {

  private static final double MIN_PROBABILITY = 1e-30;

  private SoftmaxCrossEntropy() {}

  /** Loss -log(p[label]) for softmax output {@code probabilities}. */
  public static double loss(float[] probabilities, int label) {
    checkLabel(probabilities, label);
    return -StrictMath.log(Math.max(MIN_PROBABILITY, probabilities[label]));
  }

  /** d loss / d logits = p - onehot(label). */
  public static float[] logitGradient(float[] probabilities, int label) {
    checkLabel(probabilities, label);
    float[] g = probabilities.clone();
    g[label] -= 1f;
    return g;
  }

  /** d loss / d probabilities: -1/p at the label, 0 elsewhere (for chaining through Softmax). */
  public static float[] probabilityGradient(float[] probabilities, int label) {
    checkLabel(probabilities, label);
    float[] g = new float[probabilities.length];
    g[label] = (float) (-1.0 / Math.max(MIN_PROBABILITY, probabilities[label]));
    return g;
  }

  private static void checkLabel(float[] probabilities, int label) {
    if (label < 0 || label >= probabilities.length) {
      throw new IllegalArgumentException(
          "label " + label + " outside 0.." + (probabilities.length - 1));
    }
  }
}
