package org.tinysim.engine.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.json.Json;

/**
 * What to train, parsed from a spec.json such as
 * <pre>
 * { "layers": { "12": "bias", "conv_pw_13": "channels:16", "logits": "all" },
 *   "optimizer": { "lr": 0.05, "momentum": 0.9 },   (default lr 0.01, momentum 0)
 *   "qas": true, "params": "int8", "batch": 1,
 *   "activationGradients": "fp32", "sramBudget": 262144 }
 * </pre>
 * {@code layers} may also be an array of {@code {"layer": ..., "update": ...}}. Layers not named
 * are not updated. Only batch 1 is supported (as on the MCU).
 *
 * @param layers                  rules in file order; selectors are resolved against a graph by
 *                                {@link LayerSelection}
 * @param activationGradientType  element type of activation gradients (INT8, INT32, FLOAT32)
 * @param sramBudget              bytes a compiled program must fit in
 * @param source                  file name or other origin, for messages
 */
public record TrainingSpec(List<LayerRule> layers, Optimizer optimizer, boolean qas,
    ParamPrecision paramPrecision, int batchSize, DataType activationGradientType,
    long sramBudget, String source) {

  /** The board's training budget: the paper's 256 KB. */
  public static final long DEFAULT_SRAM_BUDGET = 256 * 1024;

  private static final Set<String> KEYS = Set.of("layers", "optimizer", "qas", "params", "batch",
      "activationGradients", "sramBudget");

  public TrainingSpec {
    layers = List.copyOf(layers);
    if (batchSize != 1) {
      throw new TrainingSpecException(source + ": batch " + batchSize
          + " is not supported; on-device training runs batch 1");
    }
    if (activationGradientType != DataType.INT8 && activationGradientType != DataType.INT32
        && activationGradientType != DataType.FLOAT32) {
      throw new TrainingSpecException(source + ": activation gradients must be int8, int32 or "
          + "fp32, not " + activationGradientType);
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
    return new TrainingSpec(layers, new Optimizer(0.01, 0), true, ParamPrecision.INT8, 1,
        DataType.FLOAT32, DEFAULT_SRAM_BUDGET, "built-in spec");
  }

  public TrainingSpec withLayers(List<LayerRule> newLayers) {
    return new TrainingSpec(newLayers, optimizer, qas, paramPrecision, batchSize,
        activationGradientType, sramBudget, source);
  }

  public TrainingSpec withParamPrecision(ParamPrecision precision) {
    return new TrainingSpec(layers, optimizer, qas, precision, batchSize,
        activationGradientType, sramBudget, source);
  }

  public static TrainingSpec load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new TrainingSpecException("cannot read training spec " + file + ": " + e.getMessage());
    }
  }

  public static TrainingSpec parse(String json, String source) {
    if (!(Json.parse(json, source, TrainingSpecException::new) instanceof Map<?, ?> root)) {
      throw new TrainingSpecException(source + ": a training spec must be a JSON object");
    }
    for (Object key : root.keySet()) {
      if (!KEYS.contains(key)) {
        throw new TrainingSpecException(source + ": unknown key \"" + key + "\" (known: "
            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    List<LayerRule> rules = layerRules(root.get("layers"), source);
    Optimizer optimizer = optimizer(root.get("optimizer"), source);
    boolean qas = root.containsKey("qas") ? bool(root.get("qas"), source + ": qas") : true;
    ParamPrecision precision = ParamPrecision.INT8;
    if (root.containsKey("params")) {
      String p = text(root.get("params"), source + ": params");
      precision = switch (p) {
        case "int8" -> ParamPrecision.INT8;
        case "fp32" -> ParamPrecision.FP32;
        default -> throw new TrainingSpecException(source + ": params must be int8 or fp32, not '"
            + p + "'");
      };
    }
    int batch = root.containsKey("batch") ? integer(root.get("batch"), source + ": batch") : 1;
    DataType gradType = DataType.FLOAT32;
    if (root.containsKey("activationGradients")) {
      String g = text(root.get("activationGradients"), source + ": activationGradients");
      gradType = switch (g) {
        case "int8" -> DataType.INT8;
        case "int32" -> DataType.INT32;
        case "fp32" -> DataType.FLOAT32;
        default -> throw new TrainingSpecException(source
            + ": activationGradients must be int8, int32 or fp32, not '" + g + "'");
      };
    }
    long budget = root.containsKey("sramBudget")
        ? integer(root.get("sramBudget"), source + ": sramBudget") : DEFAULT_SRAM_BUDGET;
    return new TrainingSpec(rules, optimizer, qas, precision, batch, gradType, budget, source);
  }

  private static List<LayerRule> layerRules(Object node, String source) {
    List<LayerRule> rules = new ArrayList<>();
    if (node == null) {
      throw new TrainingSpecException(source + ": missing \"layers\" (which layers to update)");
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> rules.add(new LayerRule((String) k,
          UpdateRule.parse(text(v, source + ": layers." + k), source + ": layer '" + k + "'"))));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String where = source + ": layers[" + i + "]";
        if (!(list.get(i) instanceof Map<?, ?> entry)) {
          throw new TrainingSpecException(where + " must be an object {\"layer\", \"update\"}");
        }
        String layer = entry.get("layer") instanceof Number n ? String.valueOf(n.intValue())
            : text(entry.get("layer"), where + ".layer");
        rules.add(new LayerRule(layer,
            UpdateRule.parse(text(entry.get("update"), where + ".update"), where)));
      }
    } else {
      throw new TrainingSpecException(source + ": \"layers\" must be an object or an array");
    }
    return rules;
  }

  private static Optimizer optimizer(Object node, String source) {
    if (node == null) {
      return new Optimizer(0.01, 0);
    }
    if (!(node instanceof Map<?, ?> map)) {
      throw new TrainingSpecException(source + ": \"optimizer\" must be an object");
    }
    for (Object key : map.keySet()) {
      if (!key.equals("lr") && !key.equals("momentum")) {
        throw new TrainingSpecException(source + ": unknown optimizer key \"" + key
            + "\" (known: lr, momentum)");
      }
    }
    double lr = map.containsKey("lr") ? number(map.get("lr"), source + ": optimizer.lr") : 0.01;
    double momentum = map.containsKey("momentum")
        ? number(map.get("momentum"), source + ": optimizer.momentum") : 0;
    try {
      return new Optimizer(lr, momentum);
    } catch (TrainingSpecException e) {
      throw new TrainingSpecException(source + ": optimizer: " + e.getMessage());
    }
  }

  private static String text(Object v, String where) {
    if (v instanceof String s) {
      return s;
    }
    throw new TrainingSpecException(where + " must be a string, not " + describe(v));
  }

  private static boolean bool(Object v, String where) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new TrainingSpecException(where + " must be true or false, not " + describe(v));
  }

  private static double number(Object v, String where) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new TrainingSpecException(where + " must be a number, not " + describe(v));
  }

  private static int integer(Object v, String where) {
    double d = number(v, where);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new TrainingSpecException(where + " must be an integer, not " + d);
    }
    return (int) d;
  }

  private static String describe(Object v) {
    return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : v.toString();
  }
}
