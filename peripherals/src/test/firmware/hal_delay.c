/*
 * 1 ms SysTick at 216 MHz (LOAD = 215999), delay_ms(10) timed with DWT CYCCNT.
 * The measurement starts right after a tick, so the delay spans exactly 10
 * SysTick periods.
 * Host expects: "delay_ms(10) cycles N" with N = 2160000 give or take the
 * few cycles of polling-loop skew (+/- 1% accepted), "delay ok", exit 0. Exit 1: clock setup
 * failed; exit 2: no SysTick interrupts; exit 3: outside +/- 1%.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

int main(void)
{
    uint32_t sys = board_clock_216mhz();
    if (sys == 0) {
        return 1;
    }
    dwt_cycles_enable();
    systick_init(sys / 1000u);
    uint32_t t = tinysim_ticks;
    for (uint32_t spin = 0; tinysim_ticks == t; spin++) {   /* align to a tick edge */
        if (spin > 10000000u) {
            tinysim_sh_write0("no systick\n");
            return 2;
        }
    }
    uint32_t start = dwt_cycles();
    delay_ms(10);
    uint32_t cycles = dwt_cycles() - start;
    systick_stop();

    tinysim_sh_write0("delay_ms(10) cycles ");
    tinysim_sh_put_udec(cycles);
    tinysim_sh_writec('\n');
    if (cycles < 2138400u || cycles > 2181600u) {
        return 3;
    }
    tinysim_sh_write0("delay ok\n");
    return 0;
}
