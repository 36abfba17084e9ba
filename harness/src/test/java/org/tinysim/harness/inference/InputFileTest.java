package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;

class InputFileTest {

  /** A [1, 2, 2, 1] int8 image input: real in [0, 1] as q = real * 255 - 128. */
  private static final Tensor IMAGE =
      new Tensor(
          0,
          "image",
          Shape.of(1, 2, 2, 1),
          DataType.INT8,
          Quantization.perTensor(1 / 255f, -128),
          null,
          false);

  @TempDir Path tmp;

  private static byte[] read(Path file) {
    return InputFile.read(file, List.of(IMAGE), IllegalStateException::new);
  }

  private Path npy(String name, String descr, byte[] data, int... shape) throws IOException {
    return InputFiles.npy(tmp.resolve(name), descr, data, shape);
  }

  @Test
  void float32NpyIsQuantisedWithTheInputsScaleAndZeroPoint() throws IOException {
    ByteBuffer f = ByteBuffer.allocate(8 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : new float[] {0f, 1f, 0.5f, 2f, -1f, 0.25f, 0.75f, 1 / 255f}) {
      f.putFloat(v);
    }
    byte[] q = read(npy("x.npy", "<f4", f.array(), 2, 2, 2, 1));
    // round(real / scale) + zero point, clamped: two records of four pixels (0.5 / (1/255f) is
    // 127.4999..., so -1).
    assertThat(q).containsExactly(-128, 127, -1, 127, -128, -64, 63, -127);
  }

  @Test
  void uint8NpyAndIdxArePixelsOver255() throws IOException {
    byte[] pixels = {0, (byte) 255, (byte) 128, 1};
    assertThat(read(npy("p.npy", "|u1", pixels, 1, 2, 2))).containsExactly(-128, 127, 0, -127);
    ByteBuffer idx =
        ByteBuffer.allocate(16 + 4).putInt(0x0803).putInt(1).putInt(2).putInt(2).put(pixels);
    assertThat(read(Files.write(tmp.resolve("t10k-images-ubyte"), idx.array())))
        .containsExactly(-128, 127, 0, -127);
  }

  @Test
  void aPngIsResizedToTheInputAndMadeGrey() throws IOException {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, x < 2 ? 0x000000 : 0xffffff);
      }
    }
    Path png = tmp.resolve("half.png");
    ImageIO.write(img, "png", png.toFile());
    // Left half black, right half white at 2x2.
    assertThat(read(png)).containsExactly(-128, 127, -128, 127);
  }

  @Test
  void rawFilesPassAsTheyAreAndBadFilesAreNamed() throws IOException {
    byte[] raw = {1, 2, 3, 4};
    assertThat(read(Files.write(tmp.resolve("x.bin"), raw))).containsExactly(raw);
    Path notNpy = Files.write(tmp.resolve("bad.npy"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> read(notNpy)).hasMessageContaining("bad.npy is not a .npy file");
    Path notPng = Files.write(tmp.resolve("bad.png"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> read(notPng)).hasMessageContaining("is not a PNG or JPEG image");
    Path f8 = npy("d.npy", "<f8", new byte[8], 1);
    assertThatThrownBy(() -> read(f8))
        .hasMessageEndingWith(
            "d.npy: .npy dtype 'descr': '<f8' " + "is not float32, uint8 or int8");
  }

  @Test
  void invertTransformsPixelsAndIdxItemsMustHaveTheInputsShape() throws IOException {
    byte[] pixels = {0, (byte) 255, (byte) 128, 1};
    Path idx = InputFiles.idx(tmp.resolve("a-ubyte"), pixels, 1, 2, 2);
    assertThat(
            InputFile.read(
                idx, List.of(IMAGE), InputFile.Transform.INVERT, IllegalStateException::new))
        .containsExactly(127, -128, -1, 126);
    Path wide = InputFiles.idx(tmp.resolve("b-ubyte"), pixels, 1, 1, 4);
    assertThatThrownBy(() -> read(wide))
        .hasMessageEndingWith(
            "b-ubyte: images are [1, 4] but the model input 'image' is [2, 2, 1] (H, W, C)");
    Path raw = Files.write(tmp.resolve("x.bin"), pixels);
    assertThatThrownBy(
            () ->
                InputFile.read(
                    raw, List.of(IMAGE), InputFile.Transform.INVERT, IllegalStateException::new))
        .hasMessageContaining(
            "x.bin holds raw input bytes, which --transform invert cannot change");
  }
}
