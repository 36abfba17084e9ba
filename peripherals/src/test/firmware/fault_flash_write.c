/*
 * Store into flash, which is read/execute only (ST flash is written through
 * the FLASH controller, never by plain stores).
 * Host expects: "writing 0x08000100\n", then a fault on a data write to
 * 0x08000100 (emulator-reported, or guest HardFault: "unhandled exception 3",
 * exit 131). Exit status 1 ("no fault") means the store was accepted.
 */
#include <stdint.h>
#include "semihosting.h"

int main(void)
{
    tinysim_sh_write0("writing 0x08000100\n");
    *(volatile uint32_t *)0x08000100u = 0x12345678u;
    tinysim_sh_write0("no fault\n");
    return 1;
}
