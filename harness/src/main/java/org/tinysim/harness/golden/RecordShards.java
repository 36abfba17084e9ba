package org.tinysim.harness.golden;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelRunner;

/**
 * Runs records [from, to) through a compiled model: each shard of consecutive records boots its own
 * board once and feeds its records through the host ABI; shards run on their own threads. When
 * {@code from > 0} the first board runs record 0 first, uncounted, so that {@link Result#first()}
 * is record 0 on a fresh board whatever the range (a slice of a sharded run pins the same figures
 * as the whole run).
 */
final class RecordShards {

  private RecordShards() {}

  /** Called for every record on its shard's thread; returns a reference mismatch, if any. */
  interface RecordCheck {
    Optional<MeasuredRecords.Mismatch> check(
        int index, List<byte[]> record, InferenceResult result);
  }

  /**
   * @param first record 0's result, first on its board
   * @param last a result whose peak SRAM is the highest of all boards
   * @param mismatch the lowest-index reference mismatch
   * @param seconds host time of the longest shard's record loop (boot excluded)
   */
  record Result(
      InferenceResult first,
      InferenceResult last,
      int correct,
      int[][] confusion,
      Optional<MeasuredRecords.Mismatch> mismatch,
      double seconds) {}

  static Result run(
      CompiledModel compiled,
      InputSet inputs,
      int from,
      int to,
      int shards,
      int classes,
      RecordCheck check,
      ToIntFunction<byte[]> predict) {
    List<Shard> work = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      work.add(
          new Shard(
              from + (int) ((long) i * (to - from) / shards),
              from + (int) ((long) (i + 1) * (to - from) / shards),
              classes,
              i == 0 && from > 0));
    }
    if (work.size() == 1) {
      work.get(0).run(compiled, inputs, check, predict);
    } else {
      parallel(work, compiled, inputs, check, predict);
    }
    int[][] confusion = new int[classes][classes];
    for (Shard w : work) {
      for (int i = 0; i < classes; i++) {
        for (int j = 0; j < classes; j++) {
          confusion[i][j] += w.confusion[i][j];
        }
      }
    }
    return new Result(
        work.get(0).first,
        work.stream()
            .map(w -> w.last)
            .max(Comparator.comparingLong(InferenceResult::peakSramBytes))
            .orElseThrow(),
        work.stream().mapToInt(w -> w.correct).sum(),
        confusion,
        work.stream().map(w -> w.mismatch).flatMap(Optional::stream).findFirst(),
        work.stream().mapToDouble(w -> w.seconds).max().orElse(0));
  }

  private static void parallel(
      List<Shard> work,
      CompiledModel compiled,
      InputSet inputs,
      RecordCheck check,
      ToIntFunction<byte[]> predict) {
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (Shard w : work) {
        jobs.add(pool.submit(() -> w.run(compiled, inputs, check, predict)));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running records", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Records [from, to) on one booted board. */
  private static final class Shard {
    final int from;
    final int to;
    final int[][] confusion;
    final boolean leadWithRecordZero;
    int correct;
    InferenceResult first;
    InferenceResult last;
    Optional<MeasuredRecords.Mismatch> mismatch = Optional.empty();
    double seconds;

    Shard(int from, int to, int classes, boolean leadWithRecordZero) {
      this.from = from;
      this.to = to;
      this.confusion = new int[classes][classes];
      this.leadWithRecordZero = leadWithRecordZero;
    }

    void run(
        CompiledModel compiled, InputSet inputs, RecordCheck check, ToIntFunction<byte[]> predict) {
      List<IoBuffer> io = compiled.code().inputs();
      try (ModelRunner runner = ModelRunner.start(compiled)) {
        if (leadWithRecordZero) {
          first = runner.infer(CaseRunner.split(inputs.records().get(0), io));
          last = first;
        }
        long start = System.nanoTime();
        for (int n = from; n < to; n++) {
          List<byte[]> record = CaseRunner.split(inputs.records().get(n), io);
          InferenceResult r = runner.infer(record);
          first = first == null ? r : first;
          last = r;
          if (inputs.labels().isPresent()) {
            int label = inputs.labels().get()[n];
            int predicted = predict.applyAsInt(r.outputs().get(0));
            correct += predicted == label ? 1 : 0;
            if (label < confusion.length && predicted < confusion.length) {
              confusion[label][predicted]++;
            }
          }
          Optional<MeasuredRecords.Mismatch> bad = check.check(n, record, r);
          mismatch = mismatch.isPresent() ? mismatch : bad;
        }
        seconds = (System.nanoTime() - start) / 1e9;
      }
    }
  }
}
