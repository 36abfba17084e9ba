/* The integer workload alone: the host divides the run's instructions by its cycles (IPC). */
#include "semihosting.h"
#include "workload.h"

int main(void)
{
    tinysim_sh_put_named_hex("workload_checksum", workload_run(20));
    tinysim_sh_exit(0);
}
