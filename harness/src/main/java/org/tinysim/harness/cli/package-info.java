/**
 * The {@code tinysim} command line (picocli): one class per subcommand, shared options as mixins
 * ({@link org.tinysim.harness.cli.BuildRoot}, {@link org.tinysim.harness.cli.JsonOutput}, {@link
 * org.tinysim.harness.cli.PatchOptions}). Commands parse options, call the engine and print its
 * reports.
 */
package org.tinysim.harness.cli;
