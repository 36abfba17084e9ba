package org.tinysim.harness.golden;

import java.util.List;
import java.util.Optional;

/**
 * The records a case runs.
 *
 * @param records one byte[] per record (all graph inputs concatenated)
 * @param labels expected class per record, when the inputs come with labels
 * @param indexes position of each record in its source (data set or file)
 * @param available records the source holds: fewer records than this means a sample
 * @param source where they came from, for reports
 */
public record InputSet(
    List<byte[]> records, Optional<int[]> labels, int[] indexes, int available, String source) {

  public int size() {
    return records.size();
  }

  public boolean sampled() {
    return records.size() < available;
  }
}
