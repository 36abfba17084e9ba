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
 * {@code golden --shard I/N} and {@code golden merge}: N shards, each measuring record ranges of
 * the cases, merge into the full run's report and verdict; the CI examples in {@code ci-examples/}
 * call exactly these commands.
 */
@SuppressWarnings("unchecked")
class GoldenShardTest {

  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path tmp;

  private static CliRun goldenCase(String suite, String name, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "golden",
                "--suites-dir",
                REPO.resolve("golden-tests/suites").toString(),
                "--build-dir",
                CliRun.buildRoot().toString(),
                "--suite",
                suite,
                "--case",
                name));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static CliRun golden(String... args) {
    return goldenCase("core", "tiny_fc", args);
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

  /** Runs the four shards, returns their --json files. */
  private List<Path> shards(String suite, String name, String... args) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--shard", i + "/4", "--json"));
      CliRun shard = goldenCase(suite, name, all.toArray(String[]::new));
      assertThat(shard.exitCode()).as(shard.err()).isIn(0, 1);
      files.add(Files.writeString(tmp.resolve(name + "-" + i + ".json"), shard.out()));
    }
    return files;
  }

  private CliRun merge(List<Path> shards, String... args) {
    List<String> all = new ArrayList<>(List.of("golden", "merge"));
    shards.forEach(f -> all.add(f.toString()));
    all.addAll(List.of("--suites-dir", REPO.resolve("golden-tests/suites").toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  /** Each shard's measured record ranges of the case on {@code path}: "from-to" per shard. */
  private static List<String> ranges(List<Path> shards, String path) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path f : shards) {
      Map<String, Object> run = (Map<String, Object>) Json.parse(Files.readString(f).strip());
      for (Map<String, Object> part : (List<Map<String, Object>>) run.get("parts")) {
        Map<String, Object> m = (Map<String, Object>) part.get("measured");
        if (part.get("kernelPath").equals(path)) {
          out.add(run.get("shard") + ":" + m.get("from") + "-" + m.get("to"));
        }
      }
    }
    return out;
  }

  @Test
  void fourShardsOfRecordRangesMergeIntoTheFullRunsReportAndVerdict() throws IOException {
    // Whatever the verdict (a cycle-model change may fail the case), the merge must give it.
    Path fullXml = tmp.resolve("full.xml");
    CliRun full = golden("--json", "--junit-xml", fullXml.toString());
    assertThat(full.exitCode()).as(full.err()).isIn(0, 1);
    Map<String, Object> fullJson = (Map<String, Object>) full.json();
    long failed = (Long) fullJson.get("failed");

    List<Path> shards = shards("core", "tiny_fc");
    // 64 records on each of two kernel paths: every shard measures a quarter of each.
    assertThat(ranges(shards, "DSP"))
        .containsExactly("1/4:0-16", "2/4:16-32", "3/4:32-48", "4/4:48-64");
    assertThat(ranges(shards, "PORTABLE"))
        .containsExactly("1/4:0-16", "2/4:16-32", "3/4:32-48", "4/4:48-64");

    Path xml = tmp.resolve("golden.xml");
    CliRun merged = merge(shards, "--junit-xml", xml.toString(), "--json");
    assertThat(merged.exitCode()).as(merged.err()).isEqualTo(full.exitCode());
    assertThat(withoutTimings(merged.out())).isEqualTo(withoutTimings(full.out()));
    String time = "time=\"[0-9.]+\"";
    assertThat(Files.readString(xml).replaceAll(time, ""))
        .isEqualTo(Files.readString(fullXml).replaceAll(time, ""))
        .contains("tests=\"2\"", "failures=\"" + failed + "\"", "name=\"tiny_fc[DSP]\"");

    CliRun text = merge(shards);
    CliRun fullText = golden();
    String timing = "[0-9.]+ images/s|in [0-9.]+ s";
    assertThat(text.exitCode()).isEqualTo(full.exitCode());
    assertThat(text.out().replaceAll(timing, ""))
        .isEqualTo(
            fullText.out().substring(fullText.out().indexOf('\n') + 1).replaceAll(timing, ""))
        .contains("core/tiny_fc [DSP]", "64 records");

    Path whole = Files.writeString(tmp.resolve("full.json"), full.out());
    CliRun notAShard = merge(List.of(whole));
    assertThat(notAShard.exitCode()).isEqualTo(2);
    assertThat(notAShard.err())
        .contains("full.json is not the --json output of 'golden --shard I/N'");
    CliRun missing = merge(shards.subList(0, 3));
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("missing shard(s) [4] of 4");
    List<Path> twice = new ArrayList<>(shards);
    twice.add(shards.get(1));
    assertThat(merge(twice).err()).contains("given twice");
  }

  @Test
  void mergedAccuracyConfusionAndSampledOutputsEqualOneRunOfALabelledCase() throws IOException {
    String[] sample = {"--path", "DSP", "--count", "48"};
    CliRun full = goldenCase("bundled", "fashion_mobilenet", append(sample, "--json"));
    assertThat(full.exitCode()).as(full.err()).isIn(0, 1);
    List<Path> shards = shards("bundled", "fashion_mobilenet", sample);
    // 48 records make three 16-record slices: the fourth shard has none of this case.
    assertThat(ranges(shards, "DSP")).containsExactly("1/4:0-16", "2/4:16-32", "3/4:32-48");
    CliRun merged = merge(shards, "--json");
    assertThat(merged.exitCode()).as(merged.err()).isEqualTo(full.exitCode());
    Object fullReport = withoutTimings(full.out());
    assertThat(withoutTimings(merged.out())).isEqualTo(fullReport);
    // The accuracy row is the binomial rule over all 48 records, not over one shard's 16.
    assertThat(Json.compact(fullReport)).contains("binomial rule", "48-record sample");
    System.out.println("full:   " + Json.compact(fullReport));
  }

  @Test
  void shardsThatDisagreeOnAFigureEveryShardMeasuresAreAnErrorNamingThem() throws IOException {
    List<Path> shards = shards("core", "tiny_fc", "--path", "DSP");
    Map<String, Object> third = (Map<String, Object>) Json.parse(Files.readString(shards.get(2)));
    Map<String, Object> measured =
        (Map<String, Object>)
            ((List<Map<String, Object>>) third.get("parts")).get(0).get("measured");
    measured.put("flash", (Long) measured.get("flash") + 16);
    Files.writeString(shards.get(2), Json.compact(third));
    CliRun merged = merge(shards);
    assertThat(merged.exitCode()).isEqualTo(2);
    assertThat(merged.err())
        .contains("core/tiny_fc [DSP]: shards 1/4 and 3/4 disagree on flash")
        .doesNotContain("Exception");
  }

  @Test
  void shardsAreADeterministicDisjointCoverOfTheSlices() {
    List<GoldenShard.Unit> units = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      units.add(new GoldenShard.Unit(i, null, null));
    }
    // Records per unit: one big case, small ones, one of unknown size.
    int[] records = {10_000, 2, 40, 0, 16};
    List<String> seen = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      GoldenShard s = GoldenShard.parse(i + "/3");
      for (GoldenShard.Item it : s.select(s.items(units, u -> records[u.number()]))) {
        seen.add(it.unit().number() + "." + it.slice() + "/" + it.slices());
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "0.0/3", "0.1/3", "0.2/3", "1.0/1", "2.0/2", "2.1/2", "3.0/1", "4.0/1");
    GoldenShard first = GoldenShard.parse("1/3");
    assertThat(first.select(first.items(units, u -> records[u.number()])))
        .extracting(it -> it.unit().number() + "." + it.slice())
        .containsExactly("0.0", "1.0", "3.0");
    assertThat(golden("--shard", "5/4").err()).contains("I must be between 1 and N");
    assertThat(golden("--shard", "half").err()).contains("is not I/N");
    assertThat(golden("--shard", "1/2", "--bless").err()).contains("bless without it");
    assertThat(golden("--shard", "1/2", "--junit-xml", "x.xml").err())
        .contains("give --junit-xml/--html to 'golden merge'");
  }

  private static String[] append(String[] args, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
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
      assertThat(merging).contains("golden-" + shard + ".json");
    }
    assertThat(merging).contains("--junit-xml golden.xml");
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
      assertThat(merging).contains("golden-" + i + ".json");
    }
    assertThat(merging).contains("--junit-xml golden.xml");
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
