/*
 * Load from 0x40030000: reserved in RM0385's memory map (AHB1 hole between
 * DMA2D, 0x4002B000-0x4002BBFF, and USB OTG HS at 0x40040000).
 * Host expects: "reading 0x40030000\n", then a fault on a data read of
 * 0x40030000 (emulator-reported, or guest "unhandled exception 3", exit 131).
 * Exit status 1 ("no fault") means the read returned a value.
 */
#include <stdint.h>
#include "semihosting.h"

int main(void)
{
    tinysim_sh_write0("reading 0x40030000\n");
    uint32_t v = *(volatile uint32_t *)0x40030000u;
    tinysim_sh_put_named_hex("no fault, read", v);
    return 1;
}
