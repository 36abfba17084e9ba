package org.tinysim.engine.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sorted channel list into contiguous runs, since the kernels take channel ranges: each
 * run is {begin, end (exclusive), position of begin in the list}.
 */
public final class ChannelRuns {

  private ChannelRuns() {}

  public static List<int[]> of(List<Integer> channels) {
    List<int[]> runs = new ArrayList<>();
    int i = 0;
    while (i < channels.size()) {
      int j = i + 1;
      while (j < channels.size() && channels.get(j) == channels.get(j - 1) + 1) {
        j++;
      }
      runs.add(new int[] {channels.get(i), channels.get(j - 1) + 1, i});
      i = j;
    }
    return runs;
  }
}
