package org.tinysim.engine.floatnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.floatnet.FloatLayer.Conv2D;
import org.tinysim.engine.floatnet.FloatLayer.Flatten;
import org.tinysim.engine.floatnet.FloatLayer.FullyConnected;
import org.tinysim.engine.floatnet.FloatLayer.Softmax;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Padding;

class TrainerTest {

  /** 6x6 images: class 0 has a bright top half, class 1 a bright bottom half, plus noise. */
  private static Trainer.Samples stripes(int n) {
    Random rnd = new Random(42);
    List<float[]> images = new ArrayList<>();
    int[] labels = new int[n];
    for (int k = 0; k < n; k++) {
      labels[k] = k % 2;
      float[] img = new float[36];
      for (int i = 0; i < 36; i++) {
        boolean top = i < 18;
        img[i] = (top == (labels[k] == 0) ? 0.7f : 0.2f) + (float) rnd.nextGaussian() * 0.2f;
      }
      images.add(img);
    }
    return new Trainer.Samples() {
      public int size() {
        return n;
      }

      public int label(int index) {
        return labels[index];
      }

      public float[] input(int index, Random augmentation) {
        float[] img = images.get(index).clone();
        img[augmentation.nextInt(36)] += 0.1f; // exercises the seeded augmentation source
        return img;
      }
    };
  }

  private static FloatNetwork tinyNet(long seed) {
    Random rnd = new Random(seed);
    float[] conv = new float[4 * 9];
    for (int i = 0; i < conv.length; i++) {
      conv[i] = (float) rnd.nextGaussian() * 0.4f;
    }
    float[] fc = new float[2 * 3 * 3 * 4];
    for (int i = 0; i < fc.length; i++) {
      fc[i] = (float) rnd.nextGaussian() * 0.1f;
    }
    return new FloatNetwork(
        "tiny",
        new int[] {1, 6, 6, 1},
        List.of(
            new Conv2D("conv", 0, 4, 3, 3, 2, 2, Padding.SAME, Activation.RELU, conv, new float[4]),
            new Flatten("flat", 1),
            new FullyConnected("fc", 2, 2, Activation.NONE, fc, new float[2]),
            new Softmax("prob", 3)));
  }

  private static List<Trainer.EpochStats> train(FloatNetwork net, String optimizer, int shards) {
    TrainingConfig config =
        new TrainingConfig(
            4, 16, optimizer, optimizer.equals("adam") ? 0.01 : 0.05, 0.9, true, 7, shards);
    return Trainer.train(net, stripes(200), config, UpdateMask.all(net), line -> {});
  }

  private static double accuracy(FloatNetwork net, Trainer.Samples samples) {
    int ok = 0;
    for (int i = 0; i < samples.size(); i++) {
      float[][] t = FloatForward.run(net, samples.input(i, new Random(i)));
      ok += Trainer.argmax(t[t.length - 1]) == samples.label(i) ? 1 : 0;
    }
    return (double) ok / samples.size();
  }

  @Test
  void adamAndSgdLearnASeparableTask() {
    for (String optimizer : new String[] {"adam", "sgd"}) {
      FloatNetwork net = tinyNet(3);
      double before = accuracy(net, stripes(200));
      List<Trainer.EpochStats> stats = train(net, optimizer, 2);
      assertThat(stats.get(3).meanLoss()).as(optimizer).isLessThan(stats.get(0).meanLoss());
      assertThat(accuracy(net, stripes(200)))
          .as(optimizer + " accuracy, was " + before)
          .isGreaterThan(0.95);
    }
  }

  @Test
  void trainingIsBitIdenticalAcrossRuns() {
    FloatNetwork a = tinyNet(5);
    FloatNetwork b = tinyNet(5);
    List<Trainer.EpochStats> sa = train(a, "adam", 3);
    List<Trainer.EpochStats> sb = train(b, "adam", 3);
    for (int i = 0; i < a.layers().size(); i++) {
      assertThat(FloatNetwork.weightsOf(b.layers().get(i)))
          .containsExactly(FloatNetwork.weightsOf(a.layers().get(i)));
      assertThat(FloatNetwork.biasOf(b.layers().get(i)))
          .containsExactly(FloatNetwork.biasOf(a.layers().get(i)));
    }
    assertThat(sb.get(3).meanLoss()).isEqualTo(sa.get(3).meanLoss());
    FloatNetwork other = tinyNet(5);
    train(other, "adam", 1); // a different summation order gives (slightly) different weights
    assertThat(FloatNetwork.weightsOf(other.layers().get(0)))
        .isNotEqualTo(FloatNetwork.weightsOf(a.layers().get(0)));
  }

  @Test
  void frozenLayersKeepTheirWeights() {
    FloatNetwork net = tinyNet(6);
    float[] convBefore = FloatNetwork.weightsOf(net.layers().get(0)).clone();
    float[] fcBefore = FloatNetwork.weightsOf(net.layers().get(2)).clone();
    UpdateMask headOnly =
        UpdateMask.frozen(net).with(2, UpdateMask.Mode.ALL, new boolean[] {true, false});
    Trainer.train(
        net,
        stripes(64),
        new TrainingConfig(1, 16, "sgd", 0.05, 0.9, false, 1, 2),
        headOnly,
        l -> {});
    assertThat(FloatNetwork.weightsOf(net.layers().get(0))).containsExactly(convBefore);
    float[] fcAfter = FloatNetwork.weightsOf(net.layers().get(2));
    int perUnit = fcAfter.length / 2;
    for (int k = 0; k < fcAfter.length; k++) {
      if (k < perUnit) {
        continue;
      }
      assertThat(fcAfter[k]).as("frozen channel 1 weight " + k).isEqualTo(fcBefore[k]);
    }
    assertThat(java.util.Arrays.copyOf(fcAfter, perUnit))
        .isNotEqualTo(java.util.Arrays.copyOf(fcBefore, perUnit));
  }

  @Test
  void rejectsNetworksWithoutSoftmaxAndBadSettings() {
    FloatNetwork noSoftmax =
        new FloatNetwork("plain", new int[] {1, 6, 6, 1}, List.of(new Flatten("f", 0)));
    assertThatThrownBy(
            () ->
                Trainer.train(
                    noSoftmax,
                    stripes(4),
                    new TrainingConfig(1, 2, "adam", 0.1, 0, false, 1, 1),
                    UpdateMask.all(noSoftmax),
                    l -> {}))
        .hasMessageContaining("must end in Softmax");
    assertThatThrownBy(() -> new TrainingConfig(1, 2, "rmsprop", 0.1, 0, false, 1, 1))
        .hasMessageContaining("rmsprop");
    assertThatThrownBy(() -> new TrainingConfig(1, 2, "adam", 0.1, 0, false, 1, 3))
        .hasMessageContaining("shards <= batchSize");
  }
}
