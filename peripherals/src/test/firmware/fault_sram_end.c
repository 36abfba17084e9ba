/*
 * Store one word just past the end of SRAM (SRAM2 ends at 0x2004FFFF).
 * Host expects: "writing 0x20050000\n", then a bus fault on a data write to
 * 0x20050000. An emulator that stops on bad accesses reports it there; one
 * that delivers the fault to the guest ends in Default_Handler: stdout
 * "unhandled exception 3\npc 0x...\n", exit status 131 (HardFault, since
 * BusFault is not enabled). Exit status 1 ("no fault") means the write went
 * through, which is a bug.
 */
#include <stdint.h>
#include "semihosting.h"

int main(void)
{
    tinysim_sh_write0("writing 0x20050000\n");
    *(volatile uint32_t *)0x20050000u = 0xDEADBEEFu;
    tinysim_sh_write0("no fault\n");
    return 1;
}
