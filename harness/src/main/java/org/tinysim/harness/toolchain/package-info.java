/**
 * Cross-compilation for the emulated STM32F746: {@link org.tinysim.harness.toolchain.Toolchain}
 * (arm-none-eabi-gcc), {@link org.tinysim.harness.toolchain.CSourceTree} (kernel and runtime C
 * sources from the classpath) and {@link org.tinysim.harness.toolchain.FirmwareBuilder} (compile,
 * link, cache kernel/runtime objects per {@link org.tinysim.harness.toolchain.KernelPath}).
 */
package org.tinysim.harness.toolchain;
