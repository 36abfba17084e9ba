package org.tinysim.engine.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.floatnet.FloatLayer;
import org.tinysim.engine.floatnet.FloatNetwork;

class FashionModelsTest {

  @Test
  void mobilenetHasTheMobileNetIngredients() {
    FloatNetwork net = BundledModels.MOBILENET.initialNetwork();
    assertThat(net.outputShape()).containsExactly(1, 10);
    assertThat(net.layers())
        .hasAtLeastOneElementOfType(FloatLayer.DepthwiseConv2D.class)
        .hasAtLeastOneElementOfType(FloatLayer.Add.class)
        .hasAtLeastOneElementOfType(FloatLayer.Flatten.class);
    assertThat(net.layers().get(net.layers().size() - 1)).isInstanceOf(FloatLayer.Softmax.class);
    FloatNetwork again = BundledModels.MOBILENET.initialNetwork();
    assertThat(FloatNetwork.weightsOf(again.layers().get(4)))
        .containsExactly(FloatNetwork.weightsOf(net.layers().get(4)));
  }

  @Test
  void wideModelHoldsMoreThanTheArenaInActivations() {
    FloatNetwork net = BundledModels.WIDECNN.initialNetwork();
    long int8Bytes = net.tensorShapes().stream().mapToLong(FloatNetwork::elements).sum();
    long largest =
        net.tensorShapes().stream().mapToLong(FloatNetwork::elements).max().orElseThrow();
    assertThat(int8Bytes).as("one slot per int8 tensor").isGreaterThan(320 * 1024 - 18 * 1024);
    assertThat(largest).isEqualTo(28 * 28 * 64);
    assertThat(net.outputShape()).containsExactly(1, 10);
  }

  @Test
  void recipesAreFoundByNameOnly() {
    assertThat(BundledModels.named("fashion_widecnn")).isSameAs(BundledModels.WIDECNN);
    assertThatThrownBy(() -> BundledModels.named("lenet"))
        .hasMessageContaining("fashion_mobilenet");
    assertThat(BundledModels.MOBILENET.withEpochs(1).training().epochs()).isEqualTo(1);
  }

  @Test
  void shiftedSamplesMoveThePixelsAndKeepTheLabel() {
    byte[] image = new byte[28 * 28];
    image[14 * 28 + 14] = (byte) 255;
    LabelledImages one = new LabelledImages(28, 28, List.of(image), new byte[] {7});
    ImageSamples samples = new ImageSamples(one, 2);
    float[] shifted = samples.input(0, new Random(3));
    assertThat(samples.label(0)).isEqualTo(7);
    int at = -1;
    for (int i = 0; i < shifted.length; i++) {
      if (shifted[i] == 1f) {
        at = i;
      }
    }
    int dy = at / 28 - 14;
    int dx = at % 28 - 14;
    assertThat(Math.abs(dy)).isLessThanOrEqualTo(2);
    assertThat(Math.abs(dx)).isLessThanOrEqualTo(2);
    assertThat(new ImageSamples(one, 0).input(0, new Random(3))[14 * 28 + 14]).isEqualTo(1f);
  }
}
