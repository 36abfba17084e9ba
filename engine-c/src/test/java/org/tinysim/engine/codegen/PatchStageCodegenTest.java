package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.PatchCoverageModel;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.engine.planner.BufferRequest;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.prepare.Preparer;

/** Shape of the C and of the plan for the coverage graph with ops 0..7 run on a 3x3 grid. */
class PatchStageCodegenTest {

  private static final Graph GRAPH =
      TfliteImporter.load(PatchCoverageModel.tflite(), "patch_coverage");
  private static final GeneratedModel CODE =
      new CodeGenerator()
          .generate(
              Preparer.prepare(GRAPH), CodegenOptions.defaults().withPatch(new PatchConfig(8, 3)));

  private static BufferRequest request(String id) {
    return CODE.arena().plan().placement(id).request();
  }

  @Test
  void stageOpsRunInThePatchLoopAndTheRestPerLayer() {
    String c = CODE.files().get("model.c");
    assertThat(c)
        .contains("static int tinysim_patch_stage(void)")
        .contains("for (int32_t p = 0; p < 9; p++)")
        .contains("static tsn_status op3(const tinysim_patch_geom *g)")
        .contains("static const tinysim_patch_geom op0_geom[9]")
        .contains("static tsn_status op8(void)")
        .doesNotContain("static tsn_status op7(void)");
    // the graph input and the ADD's skip operand are cut out of larger buffers; op 7 writes tiles
    int skip = GRAPH.ops().get(3).output().id();
    assertThat(c)
        .contains("op0_gather" + GRAPH.inputs().get(0).id() + "[9]")
        .contains("op5_gather" + skip + "[9]")
        .contains("op7_scatter[9]")
        .doesNotContain("op4_gather");
    assertThat(CODE.files().get("model.h")).contains("#define TINYSIM_MODEL_OPS 11");
    assertThat(CODE.memoryReport()).contains("patch stage split=8,grid=3");
  }

  @Test
  void stageAddAsksForTableScratchOnlyWhenItsPatchIsLargeEnough() {
    // op5 ADD: 11x11x8 = 968 elements whole, at most 4x4x8 = 128 per patch on the 3x3 grid
    PreparedOp add = Preparer.prepare(GRAPH).op(5);
    AddEmitter emitter = new AddEmitter();
    assertThat(emitter.scratchBytes(add, false)).isEqualTo(AddEmitter.TABLE_BYTES);
    assertThat(emitter.patchScratchBytes(add, 4 * 4 * 8)).isZero();
    assertThat(emitter.patchScratchBytes(add, 11 * 11 * 8)).isEqualTo(AddEmitter.TABLE_BYTES);
    assertThat(CODE.arena().scratchBytes(5)).isZero();
  }

  @Test
  void stageOutputAndInputLiveAcrossTheWholeLoop() {
    int out = GRAPH.ops().get(7).output().id();
    BufferRequest whole = request("t" + out);
    assertThat(whole.firstUse()).isZero();
    assertThat(whole.lastUse()).isEqualTo(8);
    assertThat(request("t" + GRAPH.inputs().get(0).id()).lastUse()).isEqualTo(7);
    // a per-patch buffer lives from its op to its last reader inside one iteration
    int skip = GRAPH.ops().get(3).output().id();
    BufferRequest patch = request("t" + skip + "/patch");
    assertThat(patch.firstUse()).isEqualTo(3);
    assertThat(patch.lastUse()).isEqualTo(5);
    assertThat(patch.sizeBytes()).isEqualTo(11 * 11 * 8);
  }
}
