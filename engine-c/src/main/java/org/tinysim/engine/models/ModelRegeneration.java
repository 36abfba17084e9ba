package org.tinysim.engine.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.Trainer;
import org.tinysim.engine.floatnet.Trainer.EpochStats;
import org.tinysim.engine.floatnet.UpdateMask;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.quantize.PostTrainingQuantizer;

/** Recipe -> trained float network -> calibrated int8 .tflite, with accuracies on the test set. */
public final class ModelRegeneration {

  private ModelRegeneration() {}

  public static RegeneratedModel run(
      ModelRecipe recipe, LabelledImages train, LabelledImages test, Consumer<String> progress) {
    FloatNetwork net = recipe.initialNetwork();
    progress.accept(
        String.format(
            "%s: %d parameters, training %d epochs on %d images",
            recipe.name(), net.parameterCount(), recipe.training().epochs(), train.size()));
    long start = System.nanoTime();
    List<EpochStats> epochs =
        Trainer.train(
            net,
            new ImageSamples(train, recipe.maxShift()),
            recipe.training(),
            UpdateMask.all(net),
            progress);
    long millis = (System.nanoTime() - start) / 1_000_000;
    double floatAccuracy = Accuracy.ofFloat(net, test);
    byte[] tflite = PostTrainingQuantizer.quantize(net, calibrationInputs(recipe, train));
    ReferenceInterpreter interpreter =
        new ReferenceInterpreter(TfliteImporter.load(tflite, recipe.name() + ".tflite"));
    double int8Accuracy = Accuracy.ofInt8(interpreter, test);
    progress.accept(
        String.format(
            "%s: float accuracy %.4f, int8 (host reference) %.4f",
            recipe.name(), floatAccuracy, int8Accuracy));
    return new RegeneratedModel(recipe, net, tflite, floatAccuracy, int8Accuracy, millis, epochs);
  }

  /** A seeded pick of training images, as float inputs. */
  static List<float[]> calibrationInputs(ModelRecipe recipe, LabelledImages train) {
    int n = Math.min(recipe.calibrationImages(), train.size());
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(recipe.initSeed() ^ 0x5DEECE66DL);
    List<float[]> inputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      inputs.add(train.floatImage(order[i]));
    }
    return inputs;
  }
}
