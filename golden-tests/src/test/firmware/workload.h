/* A small integer workload in the spirit of CoreMark's mix (list walking, matrix arithmetic, a
 * state machine, CRC); written here, not CoreMark's code. */
#ifndef CALIBRATION_WORKLOAD_H
#define CALIBRATION_WORKLOAD_H
#include <stdint.h>

/* Runs the mix `rounds` times; returns a checksum so nothing is optimised away. */
uint32_t workload_run(uint32_t rounds);

#endif
