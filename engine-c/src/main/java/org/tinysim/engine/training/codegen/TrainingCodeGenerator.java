package org.tinysim.engine.training.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.codegen.Template;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.training.TrainableOp;
import org.tinysim.engine.training.TrainingProgram;

/**
 * Turns a {@link TrainingProgram} into training firmware sources: the inference generator's forward
 * (reused as is), the updated weights moved from flash to SRAM, and one tsn_train.h call per
 * backward/update step, in the program's order and with the same channel runs as the oracle's
 * {@code TrainingReference}, so board and reference compute the same bits.
 */
public final class TrainingCodeGenerator {

  /** Backward reads saved forward activations: every op's output must exist (no fusion). */
  private static final CodegenOptions FORWARD =
      new CodegenOptions("greedy", false).withFuse(false).withWeightsWritable(true);

  public GeneratedTraining generate(TrainingProgram program) {
    if (program.spec().activationGradientType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          program.spec().source()
              + ": the board kernels keep "
              + "activation gradients in fp32, not "
              + program.spec().activationGradientType());
    }
    GeneratedModel forward = new CodeGenerator().generate(program.forward(), FORWARD);
    WeightSymbols symbols = new WeightSymbols(forward.files().get("model_weights.h"));
    StepEmitter emitter = new StepEmitter(program, forward, symbols);

    Set<Integer> sramTensors = new LinkedHashSet<>();
    for (int op : program.updates().keySet()) {
      TrainableOp l = TrainableOp.of(program.forward().op(op));
      if (program.updates().get(op).updatesWeights()) {
        sramTensors.add(l.weights().id());
      }
      if (program.updates().get(op).updatesBias()) {
        if (l.bias() == null) {
          throw new IllegalArgumentException("layer " + op + " has no bias to update");
        }
        sramTensors.add(l.bias().id());
      }
    }
    String weightsH = forward.files().get("model_weights.h");
    String weightsC = forward.files().get("model_weights.c");
    List<GeneratedTraining.SramParameter> params = new ArrayList<>();
    for (int id : sramTensors) {
      Tensor t = program.forward().graph().tensor(id);
      String symbol = symbols.of(t);
      weightsH = dropConst(weightsH, symbol, "model_weights.h");
      weightsC = dropConst(weightsC, symbol, "model_weights.c");
      params.add(
          new GeneratedTraining.SramParameter(
              symbol, id, t.type() == DataType.INT32, (int) t.shape().elementCount()));
    }

    String backward = emitter.backward();
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("model", forward.name());
    scope.put("trainArenaBytes", Math.max(8, program.arenaPlan().arenaSize()));
    scope.put("trainArenaPlanner", program.arenaPlan().planner());
    scope.put("mode", program.mode().name());
    scope.put("updates", program.updates().size() + " layer(s) updated");
    scope.put("rngSeed", Integer.toUnsignedString(TrainingProgram.RNG_SEED));
    scope.put("momentum", emitter.momentumArrays());
    scope.put("masters", emitter.masterArrays());
    scope.put("init", emitter.init());
    scope.put(
        "scratch",
        emitter.scratchFloats() > 0
            ? List.of(Map.of("count", emitter.scratchFloats()))
            : List.of());
    scope.put("scales", emitter.scaleArrays());
    scope.put("lr", FloatLiteral.of((float) program.spec().optimizer().learningRate()));
    scope.put("momentumValue", FloatLiteral.of((float) program.spec().optimizer().momentum()));
    scope.put("qas", program.spec().qas() ? 1 : 0);
    scope.put("errorBase", GeneratedTraining.BACKWARD_ERROR_BASE);
    scope.put("inputSaves", emitter.inputSaves());
    scope.put("forward", emitter.forwardOps());
    scope.put("backward", backward);

    Map<String, String> files = new LinkedHashMap<>();
    files.put("model.h", forward.files().get("model.h"));
    files.put("model.c", forward.files().get("model.c"));
    files.put("model_weights.h", weightsH);
    files.put("model_weights.c", weightsC);
    files.put("train.c", template().render(scope));
    return new GeneratedTraining(
        program, forward, files, Math.max(8, program.arenaPlan().arenaSize()), params);
  }

  /** Makes one weight array writable: drops its const, so it goes to .data (SRAM). */
  private static String dropConst(String text, String symbol, String file) {
    Pattern p =
        Pattern.compile(
            "(?m)^(extern )?const ((?:int8_t|int32_t) " + Pattern.quote(symbol) + "\\[)");
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("weight array " + symbol + " not found in generated " + file);
    }
    return m.replaceAll("$1$2");
  }

  private static Template template() {
    String path = "/org/tinysim/engine/training/codegen/train.c.tpl";
    try (InputStream in = TrainingCodeGenerator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("template resource " + path + " is not on the classpath");
      }
      return Template.parse("train.c.tpl", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read template " + path, e);
    }
  }

  /** Names of the generated weight arrays, by IR tensor id (w<id>_<name> in model_weights.h). */
  static final class WeightSymbols {
    private final Map<Integer, String> byId = new LinkedHashMap<>();

    WeightSymbols(String header) {
      Matcher m =
          Pattern.compile("(?m)^extern const (?:int8_t|int32_t) (w(\\d+)_\\w*)\\[").matcher(header);
      while (m.find()) {
        byId.putIfAbsent(Integer.parseInt(m.group(2)), m.group(1));
      }
    }

    String of(Tensor t) {
      String s = byId.get(t.id());
      if (s == null) {
        throw new IllegalStateException(
            "constant tensor "
                + t.id()
                + " '"
                + t.name()
                + "' has no array in the generated model_weights.h");
      }
      return s;
    }
  }
}
