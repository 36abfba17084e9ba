package org.tinysim.engine.floatnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Mini-batch training of a softmax classifier with cross-entropy loss. Bit-reproducible: the
 * shuffle and per-sample augmentation are seeded, and each batch is cut into a fixed number of
 * shards whose gradients are summed in shard order, so thread scheduling never changes a sum.
 */
public final class Trainer {

  /** Labelled training data; {@code input} may augment using the per-sample random source. */
  public interface Samples {
    int size();

    int label(int index);

    float[] input(int index, Random augmentation);
  }

  /** Loss and accuracy of one epoch, measured on the (augmented) training batches. */
  public record EpochStats(int epoch, double meanLoss, double trainAccuracy, long millis) {}

  private Trainer() {}

  public static List<EpochStats> train(
      FloatNetwork net,
      Samples samples,
      TrainingConfig config,
      UpdateMask update,
      Consumer<String> progress) {
    int logitsTensor = logitsTensor(net);
    FloatOptimizer optimizer = config.newOptimizer(net);
    int n = samples.size();
    int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
    long totalSteps = (long) stepsPerEpoch * config.epochs();
    Gradients[] shardGradients = new Gradients[config.shards()];
    for (int s = 0; s < shardGradients.length; s++) {
      shardGradients[s] = new Gradients(net);
    }
    int threads = Math.min(config.shards(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "trainer");
              t.setDaemon(true);
              return t;
            });
    Random shuffle = new Random(config.seed());
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<EpochStats> stats = new ArrayList<>();
    long step = 0;
    try {
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        long start = System.nanoTime();
        shuffle(order, shuffle);
        double lossSum = 0;
        long correct = 0;
        for (int first = 0; first < n; first += config.batchSize()) {
          int end = Math.min(n, first + config.batchSize());
          ShardResult[] results =
              runShards(
                  pool,
                  net,
                  samples,
                  order,
                  first,
                  end,
                  shardGradients,
                  logitsTensor,
                  update,
                  config.seed(),
                  epoch);
          Gradients total = shardGradients[0];
          for (int s = 1; s < shardGradients.length; s++) {
            total.add(shardGradients[s]);
          }
          for (ShardResult r : results) {
            lossSum += r.loss;
            correct += r.correct;
          }
          optimizer.step(net, total, end - first, config.learningRateAt(step, totalSteps), update);
          step++;
        }
        EpochStats e =
            new EpochStats(
                epoch + 1,
                lossSum / n,
                (double) correct / n,
                (System.nanoTime() - start) / 1_000_000);
        stats.add(e);
        progress.accept(
            String.format(
                "%s epoch %d/%d: loss %.4f, train accuracy %.4f, %d ms",
                net.name(),
                e.epoch(),
                config.epochs(),
                e.meanLoss(),
                e.trainAccuracy(),
                e.millis()));
      }
    } finally {
      pool.shutdownNow();
    }
    return stats;
  }

  /** Index of the class with the highest output (first one on ties). */
  public static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  private record ShardResult(double loss, long correct) {}

  private static ShardResult[] runShards(
      ExecutorService pool,
      FloatNetwork net,
      Samples samples,
      int[] order,
      int first,
      int end,
      Gradients[] shardGradients,
      int logitsTensor,
      UpdateMask update,
      long seed,
      int epoch) {
    int shards = shardGradients.length;
    int count = end - first;
    List<Future<ShardResult>> futures = new ArrayList<>(shards);
    for (int s = 0; s < shards; s++) {
      int from = first + (int) ((long) count * s / shards);
      int to = first + (int) ((long) count * (s + 1) / shards);
      Gradients g = shardGradients[s];
      futures.add(
          pool.submit(
              () -> shard(net, samples, order, from, to, g, logitsTensor, update, seed, epoch)));
    }
    ShardResult[] results = new ShardResult[shards];
    try {
      for (int s = 0; s < shards; s++) {
        results[s] = futures.get(s).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("training interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "training step failed: " + e.getCause().getMessage(), e.getCause());
    }
    return results;
  }

  private static ShardResult shard(
      FloatNetwork net,
      Samples samples,
      int[] order,
      int from,
      int to,
      Gradients g,
      int logitsTensor,
      UpdateMask update,
      long seed,
      int epoch) {
    g.clear();
    double loss = 0;
    long correct = 0;
    for (int p = from; p < to; p++) {
      int index = order[p];
      Random augmentation =
          new Random(seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + index);
      float[][] tensors = FloatForward.run(net, samples.input(index, augmentation));
      float[] probabilities = tensors[tensors.length - 1];
      int label = samples.label(index);
      loss += SoftmaxCrossEntropy.loss(probabilities, label);
      if (argmax(probabilities) == label) {
        correct++;
      }
      FloatBackward.run(
          net,
          tensors,
          logitsTensor,
          SoftmaxCrossEntropy.logitGradient(probabilities, label),
          update,
          g);
    }
    return new ShardResult(loss, correct);
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static int logitsTensor(FloatNetwork net) {
    FloatLayer last = net.layers().get(net.layers().size() - 1);
    if (!(last instanceof FloatLayer.Softmax softmax)) {
      throw new IllegalArgumentException(
          "network '"
              + net.name()
              + "' must end in Softmax to train with"
              + " cross-entropy, ends in '"
              + last.name()
              + "'");
    }
    return softmax.input();
  }
}
