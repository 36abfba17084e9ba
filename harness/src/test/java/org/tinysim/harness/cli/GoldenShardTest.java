package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.json.Json;
import picocli.CommandLine;

/**
 * {@code golden --shard I/N} and {@code golden merge}: N shards merge into the full run's report
 * and verdict; the CI examples in {@code ci-examples/} call exactly these commands.
 */
@SuppressWarnings("unchecked")
class GoldenShardTest {

  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path tmp;

  private static CliRun golden(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "golden",
                "--suites-dir",
                REPO.resolve("golden-tests/suites").toString(),
                "--build-dir",
                CliRun.buildRoot().toString(),
                "--suite",
                "core",
                "--case",
                "tiny_fc"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  /** The report without host timings, which differ from run to run. */
  private static Object withoutTimings(String json) {
    Map<String, Object> root = (Map<String, Object>) Json.parse(json.strip());
    root.remove("seconds");
    for (Map<String, Object> c : (List<Map<String, Object>>) root.get("cases")) {
      c.remove("imagesPerSecond");
    }
    return root;
  }

  @Test
  void fourShardsMergeIntoTheFullRunsReportAndVerdict() throws IOException {
    // Whatever the verdict (a cycle-model change may fail the case), the merge must give it.
    CliRun full = golden("--json");
    assertThat(full.exitCode()).as(full.err()).isIn(0, 1);
    Map<String, Object> fullJson = (Map<String, Object>) full.json();
    long failed = (Long) fullJson.get("failed");

    List<String> merge = new ArrayList<>(List.of("golden", "merge"));
    List<String> junit = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Path xml = tmp.resolve("golden-" + i + ".xml");
      CliRun shard = golden("--shard", i + "/4", "--json", "--junit-xml", xml.toString());
      assertThat(shard.exitCode()).as(shard.err()).isIn(0, 1);
      Path json = Files.writeString(tmp.resolve("golden-" + i + ".json"), shard.out());
      merge.add(json.toString());
      junit.add(xml.toString());
    }
    List<String> withJunit = new ArrayList<>(merge);
    withJunit.add("--junit");
    withJunit.addAll(junit);
    withJunit.addAll(List.of("--junit-xml", tmp.resolve("golden.xml").toString(), "--json"));
    CliRun merged = CliRun.of(withJunit.toArray(String[]::new));

    assertThat(merged.exitCode()).as(merged.err()).isEqualTo(full.exitCode());
    assertThat(withoutTimings(merged.out())).isEqualTo(withoutTimings(full.out()));
    System.out.println("full:   " + Json.compact(withoutTimings(full.out())));
    System.out.println("merged: " + Json.compact(withoutTimings(merged.out())));
    String xml = Files.readString(tmp.resolve("golden.xml"));
    assertThat(xml)
        .contains(
            "tests=\"2\"",
            "failures=\"" + failed + "\"",
            "name=\"tiny_fc[DSP]\"",
            "name=\"tiny_fc[PORTABLE]\"");
    assertThat(xml.indexOf("tiny_fc[DSP]")).isLessThan(xml.indexOf("tiny_fc[PORTABLE]"));

    CliRun text = CliRun.of(merge.toArray(String[]::new));
    String dspStatus =
        (String) ((List<Map<String, Object>>) fullJson.get("cases")).get(0).get("status");
    assertThat(text.exitCode()).isEqualTo(full.exitCode());
    assertThat(text.out())
        .contains(
            "core/tiny_fc [DSP]  " + dspStatus,
            "golden: " + (2 - failed) + " passed, " + failed + " failed, 0 skipped",
            "(4 shards)");

    CliRun missing = CliRun.of(merge.subList(0, 5).toArray(String[]::new));
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("missing shard(s) [4] of 4");
    List<String> twice = new ArrayList<>(merge);
    twice.add(merge.get(2));
    assertThat(CliRun.of(twice.toArray(String[]::new)).err()).contains("given twice");
  }

  @Test
  void shardsAreADeterministicDisjointCoverOfTheUnits() {
    List<Integer> seen = new ArrayList<>();
    List<Integer> numbers = java.util.stream.IntStream.range(0, 11).boxed().toList();
    for (int i = 1; i <= 3; i++) {
      GoldenShard s = GoldenShard.parse(i + "/3");
      numbers.stream().filter(n -> n % s.count() == s.index() - 1).forEach(seen::add);
    }
    assertThat(seen).hasSize(11).containsExactlyInAnyOrderElementsOf(numbers);
    assertThat(golden("--shard", "5/4").err()).contains("I must be between 1 and N");
    assertThat(golden("--shard", "half").err()).contains("is not I/N");
    assertThat(golden("--shard", "1/2", "--bless").err()).contains("bless without it");
  }

  @Test
  void githubActionsExampleRunsEveryShardAndMergesThem() throws IOException {
    Map<String, Object> flow = yaml("github-actions.yml");
    Map<String, Object> jobs = (Map<String, Object>) flow.get("jobs");
    Map<String, Object> golden = (Map<String, Object>) jobs.get("golden");
    List<Object> shards =
        (List<Object>)
            ((Map<String, Object>) ((Map<String, Object>) golden.get("strategy")).get("matrix"))
                .get("shard");
    assertThat(shards).containsExactly(1, 2, 3, 4);
    String run = runLine(golden, "tinysim golden");
    for (Object shard : shards) {
      parses(run.replace("${{ matrix.shard }}", shard.toString()));
    }
    assertThat(run).contains("--shard ${{ matrix.shard }}/" + shards.size(), "--json");
    Map<String, Object> merge = (Map<String, Object>) jobs.get("merge");
    assertThat(merge.get("needs")).isEqualTo("golden");
    String merging = runLine(merge, "tinysim golden merge");
    parses(merging);
    for (Object shard : shards) {
      assertThat(merging).contains("golden-" + shard + ".json", "golden-" + shard + ".xml");
    }
  }

  @Test
  void gitlabExampleRunsEveryShardAndMergesThem() throws IOException {
    Map<String, Object> ci = yaml("gitlab-ci.yml");
    Map<String, Object> golden = (Map<String, Object>) ci.get("golden");
    int parallel = (Integer) golden.get("parallel");
    String script = ((List<String>) golden.get("script")).get(0);
    for (int i = 1; i <= parallel; i++) {
      parses(
          script
              .replace("$CI_NODE_INDEX", String.valueOf(i))
              .replace("$CI_NODE_TOTAL", String.valueOf(parallel)));
    }
    assertThat(script).contains("--shard $CI_NODE_INDEX/$CI_NODE_TOTAL", "--json");
    Map<String, Object> merge = (Map<String, Object>) ci.get("golden-merge");
    assertThat((List<String>) merge.get("needs")).containsExactly("golden");
    String merging = ((List<String>) merge.get("script")).get(0);
    parses(merging);
    for (int i = 1; i <= parallel; i++) {
      assertThat(merging).contains("golden-" + i + ".json", "golden-" + i + ".xml");
    }
  }

  private static Map<String, Object> yaml(String name) throws IOException {
    return new ObjectMapper(new YAMLFactory())
        .readValue(REPO.resolve("ci-examples").resolve(name).toFile(), Map.class);
  }

  private static String runLine(Map<String, Object> job, String command) {
    return ((List<Map<String, Object>>) job.get("steps"))
        .stream()
            .map(s -> (String) s.get("run"))
            .filter(r -> r != null && r.contains(command))
            .findFirst()
            .orElseThrow();
  }

  /** The tinysim part of a shell line (before any redirection) parses as the CLI's arguments. */
  private static void parses(String line) {
    String command =
        line.substring(line.indexOf("tinysim ") + "tinysim ".length()).split("[>|]")[0].strip();
    String[] args = command.split("\\s+");
    CommandLine cli =
        TinysimCli.commandLine(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()));
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    assertThat(parsed.hasSubcommand()).as(command).isTrue();
    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("golden");
    assertThat(Arrays.asList(args)).as(command).doesNotContain("--bless");
  }
}
