/* Runs every microbenchmark of microbenchmarks.S twice (the second run has warm predictors) and
 * prints "name cycles" lines; then times the flash-resident workload with the I-cache on and off. */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"
#include "workload.h"

#define BENCHES(X) \
    X(loop40_k100) X(loop40_k200) X(delay_k1000) X(delay_k2000) \
    X(smlad_16) X(smlad_32) X(smlal_16) X(smlal_32) X(mulpair_16) X(mulpair_32) \
    X(muluse_16) X(muluse_32) X(mulnouse_16) X(mulnouse_32) \
    X(ldradd_16) X(ldradd_32) X(ldrbadd_16) X(ldrbadd_32) X(ldm8_8) X(ldm8_16) \
    X(near_k10) X(near_k20) X(far_k10) X(far_k20) X(loop_overhead) \
    X(vadd_16) X(vadd_32) X(vdiv_8) X(vdiv_16) X(vsqrt_8) X(vsqrt_16) \
    X(strbone_16) X(strbone_32) X(strbalt_16) X(strbalt_32)

#define DECLARE(name) uint32_t bench_##name(void);
BENCHES(DECLARE)

static void report(const char *name, uint32_t cycles)
{
    tinysim_sh_write0(name);
    tinysim_sh_writec(' ');
    tinysim_sh_put_udec(cycles);
    tinysim_sh_writec('\n');
}

static uint32_t time_workload(void)
{
    uint32_t start = dwt_cycles();
    uint32_t checksum = workload_run(4);
    uint32_t cycles = dwt_cycles() - start;
    return checksum == 0 ? 0 : cycles; /* a zero checksum would mean the work was skipped */
}

int main(void)
{
    board_clock_216mhz();
    dwt_cycles_enable();
#define RUN(name) (void)bench_##name(); report(#name, bench_##name());
    BENCHES(RUN)
    board_icache(1);
    (void)time_workload();
    report("flash_icache_on", time_workload());
    board_icache(0);
    report("flash_icache_off", time_workload());
    tinysim_sh_exit(0);
}
