package org.tinysim.engine.models;

import static org.tinysim.engine.models.LayerWriter.NONE;
import static org.tinysim.engine.models.LayerWriter.RELU;
import static org.tinysim.engine.models.LayerWriter.SAME;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinysim.engine.models.LayerWriter.Act;

/**
 * An int8 MobileNetV2-style classifier (stem conv, inverted residual blocks with ADD skips, global
 * pooling, classifier, softmax) with weights drawn from a fixed seed, not trained. Its
 * high-resolution first blocks make the per-layer activation peak larger than the F746's SRAM can
 * hold, so it runs only with a patch stage.
 *
 * <p>Regenerate the committed file with {@code main(models/mbv2_patch_160.tflite)}.
 */
public final class MobileNetV2Patchable {

  public static final int RESOLUTION = 160;
  public static final long SEED = 20261125L;
  public static final String FILE = "models/mbv2_patch_" + RESOLUTION + ".tflite";
  private static final int CLASSES = 10;

  private final LayerWriter w = new LayerWriter(SEED);

  private MobileNetV2Patchable() {}

  /** The model's .tflite bytes; the same bytes on every call. */
  public static byte[] tflite() {
    return new MobileNetV2Patchable().build();
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : FILE);
    Files.write(out, tflite());
    System.out.println("wrote " + out);
  }

  private byte[] build() {
    Act in = w.input(RESOLUTION, RESOLUTION, 3);
    Act x = w.conv(in, 16, 3, 2, SAME, 1, RELU);
    x = w.depthwise(x, 3, 1, SAME, 1, RELU);
    x = w.conv(x, 8, 1, 1, SAME, 1, NONE);
    x = block(x, 6, 16, 2);
    x = block(x, 6, 16, 1);
    x = block(x, 6, 24, 2);
    x = block(x, 6, 24, 1);
    x = block(x, 6, 32, 2);
    x = block(x, 6, 32, 1);
    x = w.conv(x, 128, 1, 1, SAME, 1, RELU);
    int probs = w.softmax(w.classifier(x, CLASSES), CLASSES);
    return w.write(
        in.id(),
        probs,
        "tinysim MobileNetV2-style model for patch-based inference, "
            + "seed "
            + SEED
            + ", untrained",
        "mbv2_patch_" + RESOLUTION);
  }

  /** Inverted residual: 1x1 expand (ReLU), 3x3 depthwise (ReLU), 1x1 project, skip if same. */
  private Act block(Act in, int expand, int out, int stride) {
    Act x = w.conv(in, in.c() * expand, 1, 1, SAME, 1, RELU);
    x = w.depthwise(x, 3, stride, SAME, 1, RELU);
    x = w.conv(x, out, 1, 1, SAME, 1, NONE);
    return stride == 1 && in.c() == out ? w.add(in, x) : x;
  }
}
