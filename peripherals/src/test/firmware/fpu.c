/*
 * FPv5 single-precision instructions (explicit inline asm, so the exact
 * instruction runs) and double-precision C arithmetic (libgcc on the
 * single-precision STM32F746 FPU). Results are printed as raw IEEE-754 bits:
 *
 *   VADD    1.5f + 2.25f                    0x40700000 (3.75)
 *   VMUL    3.0f * -0.5f                    0xBFC00000 (-1.5)
 *   VFMA    a*a + c, a=1+2^-12, c=-(1+2^-11) 0x33800000 (2^-24; unfused gives 0)
 *   VDIV    1.0f / 3.0f                     0x3EAAAAAB
 *   VSQRT   sqrt(2.0f)                      0x3FB504F3
 *   VCVT_S32 (int)-2.75f, round to zero     0xFFFFFFFE
 *   VCVT_F32 (float)-7                      0xC0E00000
 *   VCVT_U32 (unsigned)3.9e9f               0xE8754700
 *   DADD    0.1 + 0.2                       0x3FD33333 33333334
 *   DMUL    1.5 * -2.25                     0xC00B0000 00000000
 *   DDIV    1.0 / 3.0                       0x3FD55555 55555555
 *   DSQRT   sqrt(2.0)                       0x3FF6A09E 667F3BCD
 *   F2D     (double)1.1f                    0x3FF19999 A0000000
 *   D2F     (float)0.1                      0x3DCCCCCD
 * Doubles print as NAME_HI and NAME_LO lines. Host expects those lines, then
 * "fpu ok" and exit 0; mismatches print "MISMATCH NAME" and exit 1.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "semihosting.h"

static volatile float f1_5 = 1.5f, f2_25 = 2.25f, f3 = 3.0f, fm0_5 = -0.5f, f1 = 1.0f;
static volatile float f2 = 2.0f, fm2_75 = -2.75f, f3_9e9 = 3.9e9f, f1_1 = 1.1f;
static volatile float fa = 1.0f + 0x1p-12f, fc = -(1.0f + 0x1p-11f);
static volatile int32_t im7 = -7;
static volatile double d0_1 = 0.1, d0_2 = 0.2, d1_5 = 1.5, dm2_25 = -2.25, d1 = 1.0, d3 = 3.0, d2 = 2.0;

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

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static void check_d(const char *hi_name, const char *lo_name, double d, uint64_t want)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    check(hi_name, (uint32_t)(u >> 32), (uint32_t)(want >> 32));
    check(lo_name, (uint32_t)u, (uint32_t)want);
}

int main(void)
{
    float r;
    int32_t i;
    uint32_t u;

    __asm__ volatile("vadd.f32 %0, %1, %2" : "=t"(r) : "t"(f1_5), "t"(f2_25));
    check("VADD", fbits(r), 0x40700000u);
    __asm__ volatile("vmul.f32 %0, %1, %2" : "=t"(r) : "t"(f3), "t"(fm0_5));
    check("VMUL", fbits(r), 0xBFC00000u);
    r = fc;
    __asm__ volatile("vfma.f32 %0, %1, %2" : "+t"(r) : "t"(fa), "t"(fa));
    check("VFMA", fbits(r), 0x33800000u);
    __asm__ volatile("vdiv.f32 %0, %1, %2" : "=t"(r) : "t"(f1), "t"(f3));
    check("VDIV", fbits(r), 0x3EAAAAABu);
    __asm__ volatile("vsqrt.f32 %0, %1" : "=t"(r) : "t"(f2));
    check("VSQRT", fbits(r), 0x3FB504F3u);

    __asm__ volatile("vcvt.s32.f32 %0, %1" : "=t"(r) : "t"(fm2_75));
    memcpy(&i, &r, sizeof i);
    check("VCVT_S32", (uint32_t)i, 0xFFFFFFFEu);
    i = im7;
    memcpy(&r, &i, sizeof r);
    __asm__ volatile("vcvt.f32.s32 %0, %0" : "+t"(r));
    check("VCVT_F32", fbits(r), 0xC0E00000u);
    __asm__ volatile("vcvt.u32.f32 %0, %1" : "=t"(r) : "t"(f3_9e9));
    memcpy(&u, &r, sizeof u);
    check("VCVT_U32", u, 0xE8754700u);

    check_d("DADD_HI", "DADD_LO", d0_1 + d0_2, 0x3FD3333333333334ull);
    check_d("DMUL_HI", "DMUL_LO", d1_5 * dm2_25, 0xC00B000000000000ull);
    check_d("DDIV_HI", "DDIV_LO", d1 / d3, 0x3FD5555555555555ull);
    check_d("DSQRT_HI", "DSQRT_LO", sqrt(d2), 0x3FF6A09E667F3BCDull);
    check_d("F2D_HI", "F2D_LO", (double)f1_1, 0x3FF19999A0000000ull);
    check("D2F", fbits((float)d0_1), 0x3DCCCCCDu);

    if (failures) {
        return 1;
    }
    tinysim_sh_write0("fpu ok\n");
    return 0;
}
