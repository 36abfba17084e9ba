package org.tinysim.harness.report.html;

/** Where one tensor sits in the arena. */
public record ArenaSlot(String tensor, long offset, long bytes) {}
