/**
 * Static activation-arena planning for the generated C engine.
 *
 * <p>The code generator hands this package one {@link org.tinysim.engine.planner.BufferRequest} per
 * activation or scratch buffer (size plus the inclusive range of schedule indices during which it
 * must stay intact) and gets back a {@link org.tinysim.engine.planner.MemoryPlan}: a fixed byte
 * offset per buffer inside a single static arena. Nothing here knows about the IR; {@link
 * org.tinysim.engine.planner.LifetimeAnalysis} derives lifetimes from a bare schedule.
 */
package org.tinysim.engine.planner;
