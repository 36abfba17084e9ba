/**
 * Choosing a schedule under an SRAM budget: {@link org.tinysim.engine.patch.search.PatchSearch}
 * plans the plain schedule and every runnable patch stage (split x grid 2..8), estimates their
 * cycles ({@link org.tinysim.engine.patch.search.CycleEstimate}: per-op costs the board measured on
 * the plain schedule and two patched runs, or fitted per-op-kind rates when the board cannot run
 * them) and picks the fastest whose arena fits, the plain one whenever it fits; it reports the
 * peak/MACs/cycles frontier and, when nothing fits, the smallest peak reached and at which op.
 */
package org.tinysim.engine.patch.search;
