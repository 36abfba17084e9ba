package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.tinysim.engine.floatnet.Trainer.EpochStats;
import org.tinysim.engine.floatnet.TrainingConfig;
import org.tinysim.engine.models.ModelRecipe;
import org.tinysim.engine.models.RegeneratedModel;
import org.tinysim.harness.Sha256;

/**
 * The .json beside each bundled model: deterministic (no timings), so {@code models --check} can
 * compare it byte for byte; the committed files fix the key order.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "name",
  "description",
  "input_shape",
  "parameters",
  "test_images",
  "float_test_accuracy",
  "int8_host_reference_accuracy",
  "tflite_bytes",
  "tflite_sha256",
  "regenerate",
  "training"
})
record ModelJson(
    String name,
    String description,
    int[] inputShape,
    long parameters,
    int testImages,
    double floatTestAccuracy,
    double int8HostReferenceAccuracy,
    int tfliteBytes,
    String tfliteSha256,
    String regenerate,
    Training training) {

  static ModelJson of(RegeneratedModel model, int trainImages, int testImages) {
    ModelRecipe r = model.recipe();
    return new ModelJson(
        r.name(),
        r.description(),
        model.network().inputShape(),
        model.network().parameterCount(),
        testImages,
        model.floatAccuracy(),
        model.int8HostAccuracy(),
        model.tflite().length,
        Sha256.hex(model.tflite()),
        "tinysim models --only " + r.name(),
        Training.of(model, trainImages));
  }

  /** {@code momentum} only for SGD. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "dataset",
    "train_images",
    "epochs",
    "batch_size",
    "optimizer",
    "learning_rate",
    "momentum",
    "cosine_decay",
    "shuffle_seed",
    "init_seed",
    "gradient_shards",
    "max_shift_pixels",
    "calibration_images",
    "epoch_mean_loss"
  })
  record Training(
      String dataset,
      int trainImages,
      int epochs,
      int batchSize,
      String optimizer,
      double learningRate,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double momentum,
      boolean cosineDecay,
      long shuffleSeed,
      long initSeed,
      int gradientShards,
      int maxShiftPixels,
      int calibrationImages,
      List<Double> epochMeanLoss) {

    static Training of(RegeneratedModel model, int trainImages) {
      ModelRecipe r = model.recipe();
      TrainingConfig t = r.training();
      return new Training(
          "Fashion-MNIST",
          trainImages,
          t.epochs(),
          t.batchSize(),
          t.optimizer(),
          t.learningRate(),
          t.optimizer().equals("sgd") ? t.momentum() : null,
          t.cosineDecay(),
          t.seed(),
          r.initSeed(),
          t.shards(),
          r.maxShift(),
          r.calibrationImages(),
          model.epochs().stream().map(EpochStats::meanLoss).toList());
    }
  }
}
