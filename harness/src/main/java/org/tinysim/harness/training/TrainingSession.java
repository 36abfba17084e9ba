package org.tinysim.harness.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.tinysim.engine.floatnet.FloatForward;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.TrainingConfig;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.engine.oracle.training.FloatTwin;
import org.tinysim.engine.oracle.training.TrainingReference;
import org.tinysim.engine.training.UpdateRule;

/**
 * Fine-tuning with batch 1: accuracy on the test samples before, every training sample once per
 * epoch (same seeded shuffle everywhere), accuracy after. Runs on the emulated board, or on the
 * Java reference, which computes the same bits and is used for the comparison variants.
 */
public final class TrainingSession {

  /** Seed of the per-epoch shuffle of the training samples. */
  public static final long SHUFFLE_SEED = 42;

  /**
   * @param cyclesPerStep mean board cycles of one training step (0 on the host)
   * @param forwardCyclesPerStep the forward pass's share of them
   * @param peakSramBytes peak SRAM the emulator measured (0 on the host)
   */
  public record Result(
      double accuracyBefore,
      double accuracyAfter,
      int steps,
      int evaluated,
      long cyclesPerStep,
      long forwardCyclesPerStep,
      long peakSramBytes,
      Map<Integer, Object> parameters) {}

  /** What a session needs from where it runs: inference, one step, the parameters. */
  private interface Trainer {
    byte[] infer(byte[] input);

    byte[] train(TrainingSample s);

    Map<Integer, Object> parameters();
  }

  private TrainingSession() {}

  public static Result onBoard(
      TrainingFirmware firmware,
      List<TrainingSample> train,
      List<TrainingSample> test,
      int epochs,
      Consumer<String> progress) {
    try (BoardTrainer board = BoardTrainer.start(firmware)) {
      long[] cycles = {0, 0};
      Trainer t =
          new Trainer() {
            @Override
            public byte[] infer(byte[] input) {
              return board.infer(input).output();
            }

            @Override
            public byte[] train(TrainingSample s) {
              BoardTrainer.Measurement m = board.train(s.input(), s.label());
              cycles[0] += m.cycles();
              cycles[1] += m.forwardCycles();
              return m.output();
            }

            @Override
            public Map<Integer, Object> parameters() {
              return board.parameters();
            }
          };
      Result r = run(t, train, test, epochs, progress);
      int steps = Math.max(1, r.steps());
      return new Result(
          r.accuracyBefore(),
          r.accuracyAfter(),
          r.steps(),
          r.evaluated(),
          cycles[0] / steps,
          cycles[1] / steps,
          board.peakSramBytes(),
          r.parameters());
    }
  }

  public static Result onHost(
      TrainingReference reference,
      List<TrainingSample> train,
      List<TrainingSample> test,
      int epochs,
      Consumer<String> progress) {
    Trainer t =
        new Trainer() {
          @Override
          public byte[] infer(byte[] input) {
            return reference.infer(input);
          }

          @Override
          public byte[] train(TrainingSample s) {
            return reference.step(s.input(), s.label());
          }

          @Override
          public Map<Integer, Object> parameters() {
            Map<Integer, Object> out = new java.util.LinkedHashMap<>();
            reference.parameters().int8Tensors().forEach(out::put);
            reference.parameters().int32Tensors().forEach(out::put);
            return out;
          }
        };
    return run(t, train, test, epochs, progress);
  }

  /**
   * The same sparse update in fp32 on the host: the graph's {@link FloatTwin} trained with SGD
   * momentum (batch 1, same learning rate and samples; the trainer's own seeded shuffle).
   */
  public static Result fp32OnHost(
      Graph graph,
      Map<Integer, UpdateRule> rules,
      double lr,
      double momentum,
      List<TrainingSample> train,
      List<TrainingSample> test,
      int epochs,
      Consumer<String> progress) {
    FloatNetwork net = FloatTwin.of(graph);
    Tensor input = graph.inputs().get(0);
    float scale = input.quantization().scale();
    int zeroPoint = input.quantization().zeroPoint();
    double before = floatAccuracy(net, test, scale, zeroPoint);
    org.tinysim.engine.floatnet.Trainer.train(
        net,
        new org.tinysim.engine.floatnet.Trainer.Samples() {
          @Override
          public int size() {
            return train.size();
          }

          @Override
          public int label(int index) {
            return train.get(index).label();
          }

          @Override
          public float[] input(int index, Random augmentation) {
            return real(train.get(index).input(), scale, zeroPoint);
          }
        },
        new TrainingConfig(epochs, 1, "sgd", lr, momentum, false, SHUFFLE_SEED, 1),
        FloatTwin.mask(net, rules),
        progress);
    double after = floatAccuracy(net, test, scale, zeroPoint);
    return new Result(before, after, train.size() * epochs, test.size(), 0, 0, 0, Map.of());
  }

  private static double floatAccuracy(
      FloatNetwork net, List<TrainingSample> test, float scale, int zeroPoint) {
    int correct = 0;
    for (TrainingSample s : test) {
      float[][] t = FloatForward.run(net, real(s.input(), scale, zeroPoint));
      if (org.tinysim.engine.floatnet.Trainer.argmax(t[t.length - 1]) == s.label()) {
        correct++;
      }
    }
    return test.isEmpty() ? 0 : (double) correct / test.size();
  }

  private static float[] real(byte[] q, float scale, int zeroPoint) {
    float[] x = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      x[i] = scale * (q[i] - zeroPoint);
    }
    return x;
  }

  private static Result run(
      Trainer t,
      List<TrainingSample> train,
      List<TrainingSample> test,
      int epochs,
      Consumer<String> progress) {
    double before = accuracy(t, test, "before", progress);
    Random shuffle = new Random(SHUFFLE_SEED);
    int steps = 0;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      List<TrainingSample> order = new ArrayList<>(train);
      Collections.shuffle(order, shuffle);
      int correct = 0;
      for (int i = 0; i < order.size(); i++) {
        TrainingSample s = order.get(i);
        if (Accuracy.argmax(t.train(s)) == s.label()) {
          correct++;
        }
        steps++;
        if ((i + 1) % 50 == 0 || i + 1 == order.size()) {
          progress.accept(
              String.format(
                  "train epoch %d/%d  %d/%d  running accuracy %.1f%%",
                  epoch, epochs, i + 1, order.size(), 100.0 * correct / (i + 1)));
        }
      }
    }
    double after = accuracy(t, test, "after", progress);
    return new Result(before, after, steps, test.size(), 0, 0, 0, t.parameters());
  }

  private static double accuracy(
      Trainer t, List<TrainingSample> test, String when, Consumer<String> progress) {
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      if (Accuracy.argmax(t.infer(test.get(i).input())) == test.get(i).label()) {
        correct++;
      }
      if ((i + 1) % 100 == 0 || i + 1 == test.size()) {
        progress.accept(
            String.format(
                "evaluate %s  %d/%d  accuracy %.1f%%",
                when, i + 1, test.size(), 100.0 * correct / (i + 1)));
      }
    }
    return test.isEmpty() ? 0 : (double) correct / test.size();
  }
}
