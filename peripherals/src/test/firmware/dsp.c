/*
 * Armv7E-M DSP / saturating / divide instructions with fixed inputs.
 * Expected values worked out from the Armv7-M ARM pseudocode:
 *
 *   NAME       inputs                                      result
 *   SMLAD      n=0x7FFF8000 m=0x0003FFFE a=0x00001000       0x00028FFD
 *              (4096 + -32768*-2 + 32767*3 = 167933)
 *   SMLADX     same, halves of m swapped                   0xFFFD9002 (-159742)
 *   SXTB16     m=0x12F480FF                                0xFFF4FFFF
 *   SXTAB16    n=0x00100020 m=0x12F480FF                   0x0004001F
 *   SSAT       #8, 300                                     0x0000007F
 *   USAT       #8, 0x1234                                  0x000000FF
 *   QADD       0x7FFFFFF0 + 0x20                           0x7FFFFFFF
 *   QFLAG      APSR.Q after that QADD (from Q clear)       0x08000000
 *   QSUB       0x80000010 - 0x20                           0x80000000
 *   QADD8      0x7F8010F0 + 0x01FF20F0 (per signed byte)   0x7F8030E0
 *   SADD16     0x7FFF0001 + 0x0001FFFE (per halfword)      0x8000FFFF
 *   SADD16_GE  APSR.GE after it (lo sum -1, hi sum 32768)  0x000C0000
 *   SMULBB     lo(0x7FFF8000) * lo(0x0003FFFE)             0x00010000
 *   SMLAL_HI/LO 0x00000001_00000000 + 0x80000000*3         0xFFFFFFFF / 0x80000000
 *   SMMUL      0xEDCBA988 * 0x00010000, high word          0xFFFFEDCB
 *   SDIV       -100 / 7                                    0xFFFFFFF2 (-14)
 *   SDIV0      5 / 0 (CCR.DIV_0_TRP clear)                 0x00000000
 *   UDIV       0xFFFFFFF0 / 16                             0x0FFFFFFF
 *
 * Host expects one "NAME 0xXXXXXXXX" line per row in that order, then
 * "dsp ok" and exit 0; any mismatch prints "MISMATCH NAME" and exits 1.
 */
#include <stdint.h>
#include "semihosting.h"

/* volatile inputs: nothing may be folded at compile time */
static volatile uint32_t vA = 0x7FFF8000u, vB = 0x0003FFFEu, vACC = 0x1000u;
static volatile uint32_t vC = 0x12F480FFu, vR = 0x00100020u;
static volatile int32_t v300 = 300, v1234 = 0x1234, vM100 = -100, v7 = 7, v5 = 5, v0 = 0;

static int failures;

static void check(const char *name, uint32_t got, uint32_t want)
{
    tinysim_sh_put_named_hex(name, got);
    if (got != want) {
        tinysim_sh_write0("MISMATCH ");
        tinysim_sh_write0(name);
        tinysim_sh_writec('\n');
        failures++;
    }
}

static uint32_t apsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, apsr" : "=r"(v));
    return v;
}

static void clear_flags(void)
{
    __asm__ volatile("msr apsr_nzcvqg, %0" :: "r"(0u) : "cc");
}

int main(void)
{
    uint32_t r, hi, lo;

    __asm__ volatile("smlad %0, %1, %2, %3" : "=r"(r) : "r"(vA), "r"(vB), "r"(vACC));
    check("SMLAD", r, 0x00028FFDu);
    __asm__ volatile("smladx %0, %1, %2, %3" : "=r"(r) : "r"(vA), "r"(vB), "r"(vACC));
    check("SMLADX", r, 0xFFFD9002u);
    __asm__ volatile("sxtb16 %0, %1" : "=r"(r) : "r"(vC));
    check("SXTB16", r, 0xFFF4FFFFu);
    __asm__ volatile("sxtab16 %0, %1, %2" : "=r"(r) : "r"(vR), "r"(vC));
    check("SXTAB16", r, 0x0004001Fu);
    __asm__ volatile("ssat %0, #8, %1" : "=r"(r) : "r"(v300) : "cc");
    check("SSAT", r, 0x0000007Fu);
    __asm__ volatile("usat %0, #8, %1" : "=r"(r) : "r"(v1234) : "cc");
    check("USAT", r, 0x000000FFu);

    clear_flags();
    __asm__ volatile("qadd %0, %1, %2" : "=r"(r) : "r"(0x7FFFFFF0u), "r"(0x20u) : "cc");
    uint32_t q = apsr() & 0x08000000u;
    check("QADD", r, 0x7FFFFFFFu);
    check("QFLAG", q, 0x08000000u);
    __asm__ volatile("qsub %0, %1, %2" : "=r"(r) : "r"(0x80000010u), "r"(0x20u) : "cc");
    check("QSUB", r, 0x80000000u);
    __asm__ volatile("qadd8 %0, %1, %2" : "=r"(r) : "r"(0x7F8010F0u), "r"(0x01FF20F0u));
    check("QADD8", r, 0x7F8030E0u);

    clear_flags();
    __asm__ volatile("sadd16 %0, %1, %2" : "=r"(r) : "r"(0x7FFF0001u), "r"(0x0001FFFEu) : "cc");
    uint32_t ge = apsr() & 0x000F0000u;
    check("SADD16", r, 0x8000FFFFu);
    check("SADD16_GE", ge, 0x000C0000u);

    __asm__ volatile("smulbb %0, %1, %2" : "=r"(r) : "r"(vA), "r"(vB));
    check("SMULBB", r, 0x00010000u);
    lo = 0u;
    hi = 1u;
    __asm__ volatile("smlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(0x80000000u), "r"(3u));
    check("SMLAL_HI", hi, 0xFFFFFFFFu);
    check("SMLAL_LO", lo, 0x80000000u);
    __asm__ volatile("smmul %0, %1, %2" : "=r"(r) : "r"(0xEDCBA988u), "r"(0x00010000u));
    check("SMMUL", r, 0xFFFFEDCBu);
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(vM100), "r"(v7));
    check("SDIV", r, 0xFFFFFFF2u);
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(v5), "r"(v0));
    check("SDIV0", r, 0x00000000u);
    __asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(0xFFFFFFF0u), "r"(16u));
    check("UDIV", r, 0x0FFFFFFFu);

    if (failures) {
        return 1;
    }
    tinysim_sh_write0("dsp ok\n");
    return 0;
}
