package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.harness.inference.RandomOps.Geometry;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * A model whose activations cannot fit 320 KB is refused before any C is built, naming the peak.
 */
class ModelFitTest {

  @Test
  void activationsLargerThanSramAreRefusedNamingTheLiveTensors() {
    GraphBuilder g = new GraphBuilder();
    RandomOps r = new RandomOps(5, g);
    // 1x160x160x8 int8 in (204,800 B) and, with depth multiplier 2, 409,600 B out, both live at
    // the depthwise op (an output larger than its input cannot take its bytes in place).
    Tensor in = g.input("big_in", Shape.of(1, 160, 160, 8), 0.05f, 0);
    r.depthwiseOn(in, 2, new Geometry(3, 3, 1, 1, Padding.SAME), Activation.NONE, true);
    Graph graph = g.build("too-big");

    assertThatThrownBy(
            () ->
                new ModelCompiler(BuildDirs.root())
                    .compile(graph, CodegenOptions.defaults(), KernelPath.DSP))
        .isInstanceOf(ModelDoesNotFitException.class)
        .hasMessageContaining("too-big does not fit the STM32F746's 320 KB SRAM")
        .hasMessageContaining("exceeds the " + ModelCompiler.ARENA_LIMIT_BYTES + " B limit by")
        .hasMessageContaining("204800 B");
  }
}
