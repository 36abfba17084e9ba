package org.tinysim.engine.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.files.TextFiles;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.json.Json;

/**
 * What to train, parsed from a spec.json such as
 *
 * <pre>
 * { "layers": { "12": "bias", "conv_pw_13": "channels:16", "logits": "all" },
 *   "optimizer": { "lr": 0.05, "momentum": 0.9 },   (default lr 0.01, momentum 0)
 *   "qas": true, "params": "int8", "batch": 1,
 *   "activationGradients": "fp32", "sramBudget": 262144 }
 * </pre>
 *
 * {@code layers} may also be an array of {@code {"layer": ..., "update": ...}}. Layers not named
 * are not updated. Only batch 1 is supported (as on the MCU).
 *
 * @param layers rules in file order; selectors are resolved against a graph by {@link
 *     LayerSelection}
 * @param activationGradientType element type of activation gradients (INT8, INT32, FLOAT32)
 * @param sramBudget bytes a compiled program must fit in
 * @param source file name or other origin, for messages
 */
public record TrainingSpec(
    List<LayerRule> layers,
    Optimizer optimizer,
    boolean qas,
    ParamPrecision paramPrecision,
    int batchSize,
    DataType activationGradientType,
    long sramBudget,
    String source) {

  /** The board's training budget: the paper's 256 KB. */
  public static final long DEFAULT_SRAM_BUDGET = 256 * 1024;

  public TrainingSpec {
    layers = List.copyOf(layers);
    if (batchSize != 1) {
      throw new TrainingSpecException(
          source + ": batch " + batchSize + " is not supported; on-device training runs batch 1");
    }
    if (activationGradientType != DataType.INT8
        && activationGradientType != DataType.INT32
        && activationGradientType != DataType.FLOAT32) {
      throw new TrainingSpecException(
          source
              + ": activation gradients must be int8, int32 or "
              + "fp32, not "
              + activationGradientType);
    }
    if (sramBudget <= 0) {
      throw new TrainingSpecException(source + ": sramBudget " + sramBudget + " must be positive");
    }
  }

  /**
   * A spec with the given rules and defaults: plain SGD lr 0.01 (momentum would add a float32
   * buffer per updated parameter), QAS, int8, 256 KB.
   */
  public static TrainingSpec of(List<LayerRule> layers) {
    return new TrainingSpec(
        layers,
        new Optimizer(0.01, 0),
        true,
        ParamPrecision.INT8,
        1,
        DataType.FLOAT32,
        DEFAULT_SRAM_BUDGET,
        "built-in spec");
  }

  public TrainingSpec withLayers(List<LayerRule> newLayers) {
    return new TrainingSpec(
        newLayers,
        optimizer,
        qas,
        paramPrecision,
        batchSize,
        activationGradientType,
        sramBudget,
        source);
  }

  public TrainingSpec withParamPrecision(ParamPrecision precision) {
    return new TrainingSpec(
        layers, optimizer, qas, precision, batchSize, activationGradientType, sramBudget, source);
  }

  public static TrainingSpec load(Path file) {
    return parse(
        TextFiles.read(file, "training spec", TrainingSpecException::new), file.toString());
  }

  public static TrainingSpec parse(String json, String source) {
    SpecFile file = Json.read(json, SpecFile.class, source, TrainingSpecException::new);
    List<LayerRule> rules = layerRules(file.layers(), source);
    Optimizer optimizer = optimizer(file.optimizer(), source);
    ParamPrecision precision = ParamPrecision.INT8;
    if (file.params() != null) {
      precision =
          switch (file.params()) {
            case "int8" -> ParamPrecision.INT8;
            case "fp32" -> ParamPrecision.FP32;
            default ->
                throw new TrainingSpecException(
                    source + ": params must be int8 or fp32, not '" + file.params() + "'");
          };
    }
    DataType gradType = DataType.FLOAT32;
    if (file.activationGradients() != null) {
      gradType =
          switch (file.activationGradients()) {
            case "int8" -> DataType.INT8;
            case "int32" -> DataType.INT32;
            case "fp32" -> DataType.FLOAT32;
            default ->
                throw new TrainingSpecException(
                    source
                        + ": activationGradients must be int8, int32 or fp32, not '"
                        + file.activationGradients()
                        + "'");
          };
    }
    return new TrainingSpec(
        rules,
        optimizer,
        file.qas() == null || file.qas(),
        precision,
        file.batch() == null ? 1 : file.batch(),
        gradType,
        file.sramBudget() == null ? DEFAULT_SRAM_BUDGET : file.sramBudget(),
        source);
  }

  private static List<LayerRule> layerRules(JsonNode node, String source) {
    List<LayerRule> rules = new ArrayList<>();
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e ->
                  rules.add(
                      new LayerRule(
                          e.getKey(),
                          UpdateRule.parse(
                              text(e.getValue(), source + ": layers." + e.getKey()),
                              source + ": layer '" + e.getKey() + "'"))));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String where = source + ": layers[" + i + "]";
        JsonNode entry = node.get(i);
        if (!entry.isObject()) {
          throw new TrainingSpecException(where + " must be an object {\"layer\", \"update\"}");
        }
        entry
            .fieldNames()
            .forEachRemaining(
                key -> {
                  if (!key.equals("layer") && !key.equals("update")) {
                    throw new TrainingSpecException(
                        where + ": unknown key \"" + key + "\" (known: layer, update)");
                  }
                });
        String layer =
            entry.path("layer").isIntegralNumber()
                ? String.valueOf(entry.get("layer").intValue())
                : text(entry.get("layer"), where + ".layer");
        rules.add(
            new LayerRule(
                layer, UpdateRule.parse(text(entry.get("update"), where + ".update"), where)));
      }
    } else {
      throw new TrainingSpecException(source + ": \"layers\" must be an object or an array");
    }
    return rules;
  }

  private static Optimizer optimizer(SpecFile.OptimizerFields fields, String source) {
    if (fields == null) {
      return new Optimizer(0.01, 0);
    }
    try {
      return new Optimizer(
          fields.lr() == null ? 0.01 : fields.lr(),
          fields.momentum() == null ? 0 : fields.momentum());
    } catch (TrainingSpecException e) {
      throw new TrainingSpecException(source + ": optimizer: " + e.getMessage());
    }
  }

  private static String text(JsonNode v, String where) {
    if (v != null && v.isTextual()) {
      return v.textValue();
    }
    throw new TrainingSpecException(
        where + " must be a string, not " + (v == null ? "missing" : v.toString()));
  }
}
