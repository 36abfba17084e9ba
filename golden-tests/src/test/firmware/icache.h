/* Switches the Cortex-M7 L1 instruction cache (invalidated first, as the ARMv7-M ARM requires). */
#ifndef CALIBRATION_ICACHE_H
#define CALIBRATION_ICACHE_H

void icache_enable(int on);

#endif
