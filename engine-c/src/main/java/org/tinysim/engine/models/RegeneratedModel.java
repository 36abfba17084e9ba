package org.tinysim.engine.models;

import java.util.List;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.floatnet.Trainer.EpochStats;

/**
 * A bundled model trained and quantised from its recipe.
 *
 * @param tflite the int8 .tflite bytes
 * @param floatAccuracy float model on the 10k test images
 * @param int8HostAccuracy int8 model on the host reference interpreter, same images
 * @param trainingMillis wall time of training
 */
public record RegeneratedModel(
    ModelRecipe recipe,
    FloatNetwork network,
    byte[] tflite,
    double floatAccuracy,
    double int8HostAccuracy,
    long trainingMillis,
    List<EpochStats> epochs) {}
