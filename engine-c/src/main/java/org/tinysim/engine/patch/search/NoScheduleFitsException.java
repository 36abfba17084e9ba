package org.tinysim.engine.patch.search;

/** No schedule, patched or not, keeps the arena within the SRAM budget. */
public final class NoScheduleFitsException extends IllegalArgumentException {

  public NoScheduleFitsException(String message) {
    super(message);
  }
}
