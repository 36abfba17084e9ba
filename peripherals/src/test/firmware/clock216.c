/*
 * Clock tree bring-up: HSE 25 MHz -> PLL -> 216 MHz with over-drive
 * (board_clock_216mhz). Exercises RCC CR/PLLCFGR/CFGR ready flags, PWR
 * over-drive handshake and FLASH ACR.
 * Host expects: "SYSCLK 216000000", "HCLK 216000000", "PCLK1 54000000",
 * "PCLK2 108000000", "FLASH_LATENCY 7", "clock ok", exit 0.
 * Exit 1: a ready flag never rose (board_clock_216mhz returned 0);
 * exit 2: wrong frequency; exit 3: ACR latency readback is not 7.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

static void line(const char *name, uint32_t v)
{
    tinysim_sh_write0(name);
    tinysim_sh_writec(' ');
    tinysim_sh_put_udec(v);
    tinysim_sh_writec('\n');
}

int main(void)
{
    uint32_t sys = board_clock_216mhz();
    if (sys == 0) {
        tinysim_sh_write0("clock setup timed out\n");
        return 1;
    }
    line("SYSCLK", sys);
    line("HCLK", board_hclk_hz());
    line("PCLK1", board_pclk1_hz());
    line("PCLK2", board_pclk2_hz());
    uint32_t latency = FLASH_ACR & FLASH_ACR_LATENCY_MASK;
    line("FLASH_LATENCY", latency);
    if (sys != 216000000u || board_pclk1_hz() != 54000000u || board_pclk2_hz() != 108000000u) {
        return 2;
    }
    if (latency != 7u) {
        return 3;
    }
    tinysim_sh_write0("clock ok\n");
    return 0;
}
