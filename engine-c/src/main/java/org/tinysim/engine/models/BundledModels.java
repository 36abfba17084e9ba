package org.tinysim.engine.models;

import java.util.List;
import org.tinysim.engine.floatnet.TrainingConfig;

/** The models the repository ships under models/, with the settings that regenerate them. */
public final class BundledModels {

  public static final ModelRecipe MOBILENET =
      new ModelRecipe(
          "fashion_mobilenet",
          "MobileNet-style CNN (stem, depthwise-separable blocks, inverted residual) for Fashion-MNIST",
          FashionModels::mobilenet,
          1,
          new TrainingConfig(4, 16, "adam", 2e-3, 0.9, true, 1, 2),
          500,
          0);

  public static final ModelRecipe WIDECNN =
      new ModelRecipe(
          "fashion_widecnn",
          "CNN with a wide 28x28x64 residual stage whose activations fit the SRAM only with a memory planner",
          FashionModels::wideCnn,
          2,
          new TrainingConfig(3, 16, "adam", 2e-3, 0.9, true, 2, 2),
          500,
          0);

  private BundledModels() {}

  public static List<ModelRecipe> all() {
    return List.of(MOBILENET, WIDECNN);
  }

  public static ModelRecipe named(String name) {
    return all().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no bundled model '"
                        + name
                        + "' (known: "
                        + all().stream().map(ModelRecipe::name).toList()
                        + ")"));
  }
}
