package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.json.Json;
import org.tinysim.engine.models.BundledModels;
import org.tinysim.engine.models.ModelRecipe;
import org.tinysim.engine.models.ModelRegeneration;
import org.tinysim.engine.models.RegeneratedModel;
import org.tinysim.harness.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim models [--out DIR] [--check]}: trains the bundled Fashion-MNIST models from their
 * seeds, quantises them and writes DIR/NAME.tflite + DIR/NAME.json; with --check, verifies that the
 * files in DIR regenerate byte for byte instead of writing them.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "Regenerate the bundled models (train on Fashion-MNIST, quantise to int8 "
            + ".tflite) into DIR, or with --check verify DIR holds exactly what regenerates.")
public final class ModelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "models directory (default: models)")
  Path outDir = Path.of("models");

  @Option(names = "--check", description = "compare instead of writing; exit 1 on any difference")
  boolean check;

  @Option(names = "--only", paramLabel = "NAME", description = "regenerate only this model")
  String only;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Fashion-MNIST IDX files (default " + "/usr/share/datasets/fashion-mnist)")
  Path dataDir = FashionMnist.DEFAULT_DIR;

  @Option(
      names = "--train-images",
      paramLabel = "N",
      description = "train on the first N images only")
  Integer trainImages;

  @Option(
      names = "--test-images",
      paramLabel = "N",
      description = "evaluate on the first N images only")
  Integer testImages;

  @Option(names = "--epochs", paramLabel = "N", description = "override the recipes' epoch counts")
  Integer epochs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ModelRecipe> recipes = only == null ? BundledModels.all() : List.of(named(only));
    if (!FashionMnist.isInstalled(dataDir)) {
      throw new UserError(
          "Fashion-MNIST is not in "
              + dataDir
              + "; install it with `apt-get install -y dataset-fashion-mnist`");
    }
    LabelledImages train =
        limit(FashionMnist.load(dataDir, "train"), trainImages, "--train-images");
    LabelledImages test = limit(FashionMnist.load(dataDir, "t10k"), testImages, "--test-images");
    int differences = 0;
    for (ModelRecipe recipe : recipes) {
      ModelRecipe r = epochs == null ? recipe : recipe.withEpochs(epochs);
      RegeneratedModel model =
          ModelRegeneration.run(
              r,
              train,
              test,
              line -> {
                out.println(line);
                out.flush();
              });
      byte[] json =
          (Json.compact(ModelJson.of(model, train.size(), test.size())) + "\n")
              .getBytes(StandardCharsets.UTF_8);
      Path tflitePath = outDir.resolve(r.name() + ".tflite");
      Path jsonPath = outDir.resolve(r.name() + ".json");
      out.printf(
          "%s: %d bytes, sha256 %s, trained in %.1f s%n",
          r.name(),
          model.tflite().length,
          Sha256.hex(model.tflite()),
          model.trainingMillis() / 1000.0);
      if (check) {
        differences += compare(out, tflitePath, model.tflite()) + compare(out, jsonPath, json);
      } else {
        write(tflitePath, model.tflite());
        write(jsonPath, json);
        out.println("wrote " + tflitePath + " and " + jsonPath);
      }
    }
    out.flush();
    return differences == 0 ? 0 : 1;
  }

  private static ModelRecipe named(String name) {
    try {
      return BundledModels.named(name);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static LabelledImages limit(LabelledImages images, Integer n, String option) {
    if (n == null) {
      return images;
    }
    if (n <= 0 || n > images.size()) {
      throw new UserError(option + " " + n + " must be in 1.." + images.size());
    }
    return images.head(n);
  }

  private static int compare(PrintWriter out, Path file, byte[] regenerated) {
    byte[] existing;
    try {
      existing = Files.readAllBytes(file);
    } catch (IOException e) {
      out.println("DIFFERS " + file + ": cannot read it (" + e.getMessage() + ")");
      return 1;
    }
    if (Arrays.equals(existing, regenerated)) {
      out.println("identical " + file);
      return 0;
    }
    out.printf(
        "DIFFERS %s: %d bytes on disk, %d regenerated, first difference at byte %d%n",
        file, existing.length, regenerated.length, Arrays.mismatch(existing, regenerated));
    return 1;
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
