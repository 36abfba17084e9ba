package org.tinysim.engine.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.floatnet.FloatNetwork;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.BuiltinOptions;
import org.tinysim.engine.tflite.OperatorCode;
import org.tinysim.engine.tflite.TfliteModel;
import org.tinysim.engine.tflite.TfliteOperator;
import org.tinysim.engine.tflite.TfliteQuantization;
import org.tinysim.engine.tflite.TfliteReader;
import org.tinysim.engine.tflite.TfliteSubGraph;
import org.tinysim.engine.tflite.TfliteTensor;
import org.tinysim.engine.tflite.TfliteWriter;

/** The int8 model follows the float network within a few quantisation steps on every tensor. */
class PostTrainingQuantizerTest {

  /** Largest error of any tensor, in steps of its own scale, on the calibration inputs. */
  private static final double MAX_STEPS = 8;

  /** Largest softmax error in 1/256 probability steps. */
  private static final double MAX_SOFTMAX_STEPS = 3;

  @Test
  void int8ModelFollowsTheFloatNetwork() {
    for (long seed = 1; seed <= 3; seed++) {
      FloatNetwork net = SmallNetworks.everyLayer(seed);
      List<float[]> calibration = SmallNetworks.pixels(net, 32, 100 + seed);
      byte[] model = PostTrainingQuantizer.quantize(net, calibration);

      Agreement seen = Agreement.measure(net, model, calibration);
      Agreement heldOut = Agreement.measure(net, model, SmallNetworks.pixels(net, 64, 200 + seed));

      System.out.printf(
          "seed %d calibration: %s%nseed %d held out: %s%n", seed, seen, seed, heldOut);
      assertThat(seen.worstStepError()).as("seed %d: %s", seed, seen).isLessThan(MAX_STEPS);
      assertThat(seen.maxStepError()[net.layers().size()])
          .as("softmax, seed %d", seed)
          .isLessThan(MAX_SOFTMAX_STEPS);
      // Held-out inputs may exceed the calibrated ranges (clipping), so only the class counts.
      assertThat(heldOut.sameTopClass()).as("seed %d", seed).isGreaterThanOrEqualTo(62);
    }
  }

  @Test
  void aTenPercentScaleErrorBreaksTheAgreement() {
    FloatNetwork net = SmallNetworks.everyLayer(1);
    List<float[]> calibration = SmallNetworks.pixels(net, 32, 101);
    TfliteModel model = PostTrainingQuantizer.quantizeToModel(net, calibration);

    for (String tensor : List.of("conv/weights", "pw/weights", "dense/weights", "add")) {
      byte[] wrong = TfliteWriter.write(withScaleTimes(model, tensor, 0.9f));
      Agreement a = Agreement.measure(net, wrong, calibration);
      assertThat(a.worstStepError()).as(tensor + ": " + a).isGreaterThan(MAX_STEPS);
    }
  }

  private static TfliteModel withScaleTimes(TfliteModel m, String name, float factor) {
    TfliteSubGraph sg = m.subgraphs().get(0);
    List<TfliteTensor> tensors = new ArrayList<>();
    for (TfliteTensor t : sg.tensors()) {
      if (t.name().equals(name)) {
        TfliteQuantization q = t.quantization();
        float[] s = q.scale();
        for (int i = 0; i < s.length; i++) {
          s[i] *= factor;
        }
        t =
            new TfliteTensor(
                t.name(),
                t.shape(),
                t.shapeSignature(),
                t.type(),
                t.buffer(),
                new TfliteQuantization(q.min(), q.max(), s, q.zeroPoint(), q.quantizedDimension()),
                t.isVariable());
      }
      tensors.add(t);
    }
    TfliteSubGraph changed =
        new TfliteSubGraph(sg.name(), tensors, sg.inputs(), sg.outputs(), sg.operators());
    return new TfliteModel(
        m.source(),
        m.version(),
        m.description(),
        m.operatorCodes(),
        List.of(changed),
        m.buffers(),
        m.metadata());
  }

  @Test
  void writesTheContractQuantizationAndOptions() {
    FloatNetwork net = SmallNetworks.everyLayer(2);
    List<float[]> calibration = SmallNetworks.pixels(net, 8, 7);
    TfliteModel m = TfliteReader.read(PostTrainingQuantizer.quantize(net, calibration), "ptq");
    TfliteSubGraph sg = m.subgraphs().get(0);
    Map<String, TfliteTensor> t = new HashMap<>();
    sg.tensors().forEach(x -> t.put(x.name(), x));

    assertThat(m.version()).isEqualTo(3);
    assertThat(sg.name()).isEqualTo("every_layer");
    assertQuant(sg.tensors().get(sg.inputs()[0]), 1f / 255, -128);
    assertQuant(sg.tensors().get(sg.outputs()[0]), 1f / 256, -128);
    // ReLU and ReLU6 outputs start at 0, so 0 is the lowest code.
    assertThat(t.get("conv").quantization().zeroPoint()).containsExactly(-128L);
    assertThat(t.get("dw").quantization().zeroPoint()).containsExactly(-128L);
    // Pools and flatten pass codes through, so they keep their input's parameters.
    assertThat(t.get("maxpool").quantization())
        .usingRecursiveComparison()
        .isEqualTo(t.get("add").quantization());
    assertThat(t.get("gap").quantization())
        .usingRecursiveComparison()
        .isEqualTo(t.get("pw2").quantization());
    assertThat(t.get("flatten").quantization())
        .usingRecursiveComparison()
        .isEqualTo(t.get("gap").quantization());

    TfliteTensor convW = t.get("conv/weights");
    assertThat(convW.shape()).containsExactly(4, 3, 3, 2);
    assertThat(convW.quantization().quantizedDimension()).isZero();
    assertThat(convW.quantization().zeroPoint()).containsOnly(0L).hasSize(4);
    assertThat(maxAbsCodePerChannel(m, convW, 4, 18)).containsOnly(127);
    TfliteTensor dwW = t.get("dw/weights");
    assertThat(dwW.shape()).containsExactly(1, 3, 3, 4);
    assertThat(dwW.quantization().quantizedDimension()).isEqualTo(3);
    assertThat(maxAbsCodePerChannel(m, dwW, 4, 1)).containsOnly(127);
    float inScale = t.get("conv").quantization().scale()[0];
    float[] dwBiasScales = t.get("dw/bias").quantization().scale();
    for (int c = 0; c < 4; c++) {
      assertThat(dwBiasScales[c])
          .isCloseTo(inScale * dwW.quantization().scale()[c], within(1e-12f));
    }

    List<String> ops = new ArrayList<>();
    for (TfliteOperator op : sg.operators()) {
      OperatorCode code = m.operatorCodes().get((int) op.opcodeIndex());
      ops.add(code.name() + " v" + code.version());
    }
    assertThat(ops)
        .containsExactly(
            "CONV_2D v3",
            "DEPTHWISE_CONV_2D v3",
            "CONV_2D v3",
            "ADD v2",
            "MAX_POOL_2D v2",
            "CONV_2D v3",
            "AVERAGE_POOL_2D v2",
            "RESHAPE v1",
            "FULLY_CONNECTED v4",
            "SOFTMAX v2");
    assertThat(sg.operators().get(0).options())
        .isEqualTo(new BuiltinOptions.Conv2D(0, 1, 1, 1, 1, 1));
    assertThat(sg.operators().get(1).options())
        .isEqualTo(new BuiltinOptions.DepthwiseConv2D(0, 2, 2, 1, 3, 1, 1));
    assertThat(sg.operators().get(3).options()).isEqualTo(new BuiltinOptions.Add(1, true));
    assertThat(sg.operators().get(6).options())
        .isEqualTo(new BuiltinOptions.Pool2D(1, 1, 1, 3, 3, 0));
    TfliteOperator reshape = sg.operators().get(7);
    assertThat(((BuiltinOptions.Reshape) reshape.options()).newShape()).containsExactly(1, 8);
    assertThat(m.buffers().get((int) sg.tensors().get(reshape.inputs()[1]).buffer()).data())
        .containsExactly(1, 0, 0, 0, 8, 0, 0, 0);
  }

  private static void assertQuant(TfliteTensor t, float scale, long zeroPoint) {
    assertThat(t.quantization().scale()).containsExactly(scale);
    assertThat(t.quantization().zeroPoint()).containsExactly(zeroPoint);
  }

  /** Element i belongs to channel (i / inner) % channels; 1HWC has inner 1. */
  private static int[] maxAbsCodePerChannel(
      TfliteModel m, TfliteTensor w, int channels, int inner) {
    byte[] data = m.buffers().get((int) w.buffer()).data();
    int[] max = new int[channels];
    for (int i = 0; i < data.length; i++) {
      int c = (i / inner) % channels;
      max[c] = Math.max(max[c], Math.abs(data[i]));
    }
    return max;
  }

  @Test
  void sameInputsGiveIdenticalBytes() {
    byte[] first =
        PostTrainingQuantizer.quantize(
            SmallNetworks.everyLayer(4), SmallNetworks.pixels(SmallNetworks.everyLayer(4), 8, 9));
    byte[] second =
        PostTrainingQuantizer.quantize(
            SmallNetworks.everyLayer(4), SmallNetworks.pixels(SmallNetworks.everyLayer(4), 8, 9));
    byte[] otherCalibration =
        PostTrainingQuantizer.quantize(
            SmallNetworks.everyLayer(4), SmallNetworks.pixels(SmallNetworks.everyLayer(4), 8, 10));

    assertThat(second).isEqualTo(first);
    assertThat(otherCalibration).isNotEqualTo(first);
  }

  @Test
  void quantisedModelImportsAndGeneratesC() {
    FloatNetwork net = SmallNetworks.everyLayer(5);
    byte[] tflite = PostTrainingQuantizer.quantize(net, SmallNetworks.pixels(net, 8, 11));

    GeneratedModel c =
        new CodeGenerator()
            .generate(
                Preparer.prepare(TfliteImporter.load(tflite, "every_layer.tflite")),
                CodegenOptions.defaults());

    String model = c.files().get("model.c");
    for (int i = 0; i < net.layers().size(); i++) {
      assertThat(model).contains("static tsn_status op" + i + "(void)");
    }
    assertThat(model)
        .contains(
            "tsn_convolve_wrapper_start_s8(",
            "tsn_depthwise_conv_wrapper_s8(",
            "tsn_add_s8(",
            "tsn_maxpool_s8",
            "tsn_avgpool_s8",
            "tsn_fully_connected_s8(",
            "tsn_softmax_s8(");
  }

  @Test
  void inputsOutsideThePixelRangeAreRejectedNamingTheElement() {
    FloatNetwork net = SmallNetworks.everyLayer(1);
    List<float[]> calibration = SmallNetworks.pixels(net, 3, 1);
    calibration.get(2)[17] = 1.5f;

    assertThatThrownBy(() -> PostTrainingQuantizer.quantize(net, calibration))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every_layer")
        .hasMessageContaining("calibration input 2, element 17")
        .hasMessageContaining("outside [0, 1]");
    assertThatThrownBy(() -> PostTrainingQuantizer.quantize(net, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one calibration input");
  }
}
