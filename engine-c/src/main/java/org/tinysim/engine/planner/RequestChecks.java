package org.tinysim.engine.planner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Input validation shared by all planners, so a bad request fails before any placement. */
final class RequestChecks {

  private RequestChecks() {}

  /**
   * @return the requests keyed by id, in input order
   */
  static Map<String, BufferRequest> indexById(List<BufferRequest> requests) {
    Map<String, BufferRequest> byId = new LinkedHashMap<>();
    for (BufferRequest r : requests) {
      if (byId.putIfAbsent(r.id(), r) != null) {
        throw new IllegalArgumentException("duplicate buffer id '" + r.id() + "'");
      }
    }
    for (BufferRequest r : requests) {
      r.inPlaceOf()
          .filter(target -> !byId.containsKey(target))
          .ifPresent(
              target -> {
                throw new IllegalArgumentException(
                    "buffer '" + r.id() + "' is in place of unknown buffer '" + target + "'");
              });
    }
    return byId;
  }
}
