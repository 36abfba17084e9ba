package org.tinysim.harness.report;

/** Where one tensor sits in the arena. */
public record ArenaSlot(String tensor, long offset, long bytes) {}
