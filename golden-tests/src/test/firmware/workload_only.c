/* The integer workload alone: the host divides the run's instructions by its cycles (IPC). */
#include "board.h"
#include "semihosting.h"
#include "workload.h"

/* 216 MHz, 7 wait states, I-cache on: how the F7 normally runs code from flash. */
int main(void)
{
    board_clock_216mhz();
    board_icache(1);
    tinysim_sh_put_named_hex("workload_checksum", workload_run(20));
    tinysim_sh_exit(0);
}
