package org.tinysim.engine.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.MobileNetV2Patchable;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerResult;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.engine.patch.search.PatchSearch;
import org.tinysim.engine.patch.search.PatchSearchResult;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;

/** The bundled MobileNetV2-style model: reproducible, too big plain, small enough patched. */
class MobileNetV2PatchableTest {

  /** The arena the harness allows on the F746 (320 KB less minimum stack and heap). */
  private static final long ARENA_LIMIT = 320 * 1024 - 16 * 1024 - 2 * 1024;

  private static Path committed() {
    String root = System.getProperty("tinysim.repoRoot", Path.of("..").toString());
    return Path.of(root).resolve(MobileNetV2Patchable.FILE);
  }

  @Test
  void committedFileRegeneratesByteForByte() throws IOException {
    assertThat(MobileNetV2Patchable.tflite()).isEqualTo(Files.readAllBytes(committed()));
  }

  @Test
  void onlyAPatchedScheduleFitsTheBoard() {
    PreparedGraph g = Preparer.prepare(TfliteImporter.load(committed()));
    PatchSearchResult r = new PatchSearch().search(g, CodegenOptions.defaults(), ARENA_LIMIT);
    System.out.println(r.frontierTable());
    assertThat(r.plain().peakArenaBytes()).isGreaterThan(ARENA_LIMIT);
    assertThat(r.chosen()).isPresent();
    assertThat(r.chosen().get().isPlain()).isFalse();
  }

  /** Untrained, but no layer collapses to a constant: every activation takes many values. */
  @Test
  void activationsStayInformative() {
    Graph graph = TfliteImporter.load(committed());
    ReferenceInterpreter ref = new ReferenceInterpreter(graph);
    byte[] x = new byte[MobileNetV2Patchable.RESOLUTION * MobileNetV2Patchable.RESOLUTION * 3];
    new Random(3).nextBytes(x);
    InterpreterRun run = ref.runAll(TensorData.int8(x));
    List<LayerResult> layers = run.layers();
    for (LayerResult layer : layers.subList(0, layers.size() - 3)) {
      Set<Byte> values = new HashSet<>();
      for (byte v : layer.output().toLittleEndianBytes()) {
        values.add(v);
      }
      assertThat(values.size()).as("distinct values of %s", layer).isGreaterThan(16);
    }
  }
}
