package org.tinysim.harness.patch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.toolchain.KernelPath;

/** Builds and runs models plain or patched on the emulated board, for the patch tests. */
final class PatchBench {

  private PatchBench() {}

  static Path repoRoot() {
    String root = System.getProperty("tinysim.repoRoot");
    assumeTrue(root != null, "tinysim.repoRoot is not set");
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** A model under ../shared/models, or a skip when absent. */
  static Path shared(String relative) {
    Path p = repoRoot().resolveSibling("shared").resolve("models").resolve(relative);
    assumeTrue(Files.isRegularFile(p), "no shared model " + p);
    return p;
  }

  static CompiledModel compile(Graph graph, PatchConfig patch) {
    return compile(graph, patch, KernelPath.DSP);
  }

  static CompiledModel compile(Graph graph, PatchConfig patch, KernelPath kernels) {
    return new ModelCompiler(Path.of("target", "tinysim-build").toAbsolutePath())
        .compile(graph, CodegenOptions.defaults().withPatch(patch), kernels);
  }

  static InferenceResult run(CompiledModel model, byte[] input) {
    try (ModelRunner runner = ModelRunner.start(model)) {
      return runner.infer(input);
    }
  }

  /** A seeded input: int8 bytes, or float32 pixels in [0, 1). */
  static byte[] input(Graph graph, long seed) {
    Tensor in = graph.inputs().get(0);
    Random rnd = new Random(seed);
    if (in.type() == DataType.FLOAT32) {
      ByteBuffer b = ByteBuffer.allocate((int) in.sizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
      while (b.hasRemaining()) {
        b.putFloat(rnd.nextFloat());
      }
      return b.array();
    }
    byte[] bytes = new byte[(int) in.sizeInBytes()];
    rnd.nextBytes(bytes);
    return bytes;
  }

  /** The Java reference's first output for an int8 input (the plain schedule's semantics). */
  static byte[] reference(Graph graph, byte[] input) {
    ReferenceInterpreter ref = new ReferenceInterpreter(graph);
    List<TensorData> out = ref.run(TensorData.int8(input));
    return out.get(0).toLittleEndianBytes();
  }
}
