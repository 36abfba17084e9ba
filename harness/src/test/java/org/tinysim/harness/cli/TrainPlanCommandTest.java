package org.tinysim.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tinysim train-plan} on the tiny FC model (input 12 int8 -> FC 5x12 + bias -> 5 logits)
 * updating everything. By hand: steps forward, loss, dW, update W, db, update b; the arena peaks at
 * the weight gradient with input 12 B + dLoss/dlogits 20 B + dW 240 B = 272 B; copies int8 W 60 B +
 * int32 b 20 B; momentum (60 + 5) * 4 = 260 B; peak 612 B.
 */
class TrainPlanCommandTest {

  @TempDir Path tmp;

  private Path model() throws IOException {
    return Files.write(tmp.resolve("fc.tflite"), TinyModels.fullyConnected());
  }

  /** Writes a spec with SGD momentum 0.9 (one float per updated parameter). */
  private Path spec(String json) throws IOException {
    return Files.writeString(
        tmp.resolve("spec.json"),
        json.replaceFirst("\\{", "{\"optimizer\": {\"momentum\": 0.9}, "));
  }

  @Test
  void printsTheThreeModeTable() throws IOException {
    CliRun run =
        CliRun.of(
            "train-plan",
            model().toString(),
            "--spec",
            spec("{\"layers\": {\"output\": \"all\"}}").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("full update"), run.out());
    assertTrue(run.out().contains("sparse+reorder"), run.out());
    assertTrue(
        run.out().matches("(?s).*sparse\\+reorder\\s+1\\s+272\\s+.*\\s612\\s+1\\.0x\\s+yes.*"),
        run.out());
  }

  @Test
  void stepsListTheReorderedProgramWithLifetimes() throws IOException {
    CliRun run =
        CliRun.of(
            "train-plan",
            model().toString(),
            "--spec",
            spec("{\"layers\": {\"0\": \"all\"}}").toString(),
            "--steps");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "step 2: weight gradient (5 channels) of op 0 FULLY_CONNECTED "
                    + "'output'  reads [dX:output, in:input] writes [dW:op0]"),
        run.out());
    assertTrue(run.out().contains("step 3: weight update of op 0"), run.out());
    assertTrue(run.out().contains("dW:op0 WEIGHT_GRADIENT 240 B 2..3"), run.out());
  }

  @Test
  void jsonGivesTheBreakdown() throws IOException {
    CliRun run =
        CliRun.of(
            "train-plan",
            model().toString(),
            "--spec",
            spec("{\"layers\": {\"0\": \"all\"}}").toString(),
            "--json");
    assertEquals(0, run.exitCode(), run.err());
    Map<?, ?> root = (Map<?, ?>) run.json();
    List<?> modes = (List<?>) root.get("modes");
    Map<?, ?> reordered = (Map<?, ?>) modes.get(2);
    assertEquals("SPARSE_REORDERED", reordered.get("mode"));
    assertEquals(272.0, ((Number) reordered.get("arena")).doubleValue());
    assertEquals(60.0, ((Number) reordered.get("weightCopies")).doubleValue());
    assertEquals(260.0, ((Number) reordered.get("optimizerState")).doubleValue());
    assertEquals(612.0, ((Number) reordered.get("peak")).doubleValue());
    assertEquals(Boolean.TRUE, root.get("fits"));
    assertEquals(
        List.of("model", "spec", "params", "budget", "layers", "modes", "backwardMacs", "fits"),
        List.copyOf(root.keySet()));
    assertEquals(Map.of("layer", "0", "update", "all"), ((List<?>) root.get("layers")).get(0));
  }

  @Test
  void overBudgetIsRefusedNamingTheLayerAndBytesOver() throws IOException {
    CliRun run =
        CliRun.of(
            "train-plan",
            model().toString(),
            "--spec",
            spec("{\"layers\": {\"0\": \"all\"}, \"sramBudget\": 500}").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.out().contains("no, 112 B over"), run.out());
    assertTrue(run.err().contains("112 B over the 500 B budget"), run.err());
    assertTrue(
        run.err().contains("weight gradient (5 channels) of op 0 FULLY_CONNECTED 'output'"),
        run.err());
  }

  @Test
  void unknownLayerIsAUserError() throws IOException {
    CliRun run =
        CliRun.of(
            "train-plan",
            model().toString(),
            "--spec",
            spec("{\"layers\": {\"nope\": \"all\"}}").toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("unknown layer 'nope'; layers with weights: 0 'output'"), run.err());
  }
}
