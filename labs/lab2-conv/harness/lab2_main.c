/*
 * Lab 2 test bench (owned by the grader, not edited by students): 216 MHz, I-cache on, one
 * call of the student's kernel on the grader's data, timed with DWT->CYCCNT.
 */
#include <stdint.h>
#include "board.h"
#include "lab2.h"

extern int8_t lab2_input[];
extern int8_t lab2_filter[];
extern int32_t lab2_bias[];
extern int32_t lab2_multiplier[];
extern int32_t lab2_shift[];
extern int8_t lab2_output[];

volatile uint32_t lab2_cycles;

int main(void)
{
    if (board_clock_216mhz() == 0) {
        return 1;
    }
    board_icache(1);
    dwt_cycles_enable();
    uint32_t start = dwt_cycles();
    lab2_conv3x3_s8(lab2_input, lab2_filter, lab2_bias, lab2_multiplier, lab2_shift, lab2_output);
    lab2_cycles = dwt_cycles() - start;
    return 0;
}
