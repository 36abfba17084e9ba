/* Data-side calibration (cycle model v3): word streams read from flash, SRAM1 and DTCM with the
 * L1 D-cache off and on, a working set below the cache size read again and again, and a store
 * stream to SRAM1 (write-back). Prints "name cycles" lines; every figure is later taken as the
 * difference of a 2N and an N run so loop entry and the DWT reads cancel. Code runs from ITCM RAM
 * so instruction fetch is free and only the data side differs. */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

#define SCB_DCISW REG32(0xE000EF60u) /* invalidate D-cache line by set/way */
#define SCB_CCR_DC (1u << 16)
#define STREAM_WORDS 4096            /* 16 KiB: four times the 4 KiB D-cache */
#define SMALL_WORDS 256              /* 1 KiB: a quarter of it */

/* 16 KiB of constants in flash (0x08000000, AXIM); initialised so they are not all zero. */
#define W4(n) (n), (n) * 3u, (n) * 5u, (n) * 7u
#define W16(n) W4(n), W4((n) + 1), W4((n) + 2), W4((n) + 3)
#define W64(n) W16(n), W16((n) + 4), W16((n) + 8), W16((n) + 12)
#define W256(n) W64(n), W64((n) + 16), W64((n) + 32), W64((n) + 48)
#define W1K(n) W256(n), W256((n) + 64), W256((n) + 128), W256((n) + 192)
static const uint32_t flash_words[STREAM_WORDS] = { W1K(1), W1K(2), W1K(3), W1K(4) };

/* Fixed RAM windows clear of .data/.bss (bottom of DTCM) and the stack (top of SRAM2). */
#define DTCM_WORDS ((uint32_t *)0x20008000u)
#define SRAM1_WORDS ((uint32_t *)0x20020000u)

static void report(const char *name, uint32_t cycles)
{
    tinysim_sh_write0(name);
    tinysim_sh_writec(' ');
    tinysim_sh_put_udec(cycles);
    tinysim_sh_writec('\n');
}

/* Invalidate every line (4 ways x 32 sets), then switch CCR.DC, as ARMv7-M requires. */
static void dcache(int on)
{
    __asm__ volatile("dsb" ::: "memory");
    for (uint32_t set = 0; set < 32; set++) {
        for (uint32_t way = 0; way < 4; way++) {
            SCB_DCISW = (set << 5) | (way << 30);
        }
    }
    if (on) {
        SCB_CCR |= SCB_CCR_DC;
    } else {
        SCB_CCR &= ~SCB_CCR_DC;
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

__attribute__((section(".itcm_text"), noinline)) static uint32_t sum_words(const uint32_t *p, uint32_t n,
                                                                           uint32_t *cycles)
{
    uint32_t start = dwt_cycles();
    uint32_t s = 0;
    for (uint32_t i = 0; i < n; i++) {
        s += p[i];
    }
    *cycles = dwt_cycles() - start;
    return s;
}

/* The same small block of words summed `passes` times: a working set that fits the cache. */
__attribute__((section(".itcm_text"), noinline)) static uint32_t sum_repeated(const uint32_t *p, uint32_t n,
                                                                              uint32_t passes, uint32_t *cycles)
{
    uint32_t start = dwt_cycles();
    uint32_t s = 0;
    for (uint32_t k = 0; k < passes; k++) {
        for (uint32_t i = 0; i < n; i++) {
            s += p[i];
        }
    }
    *cycles = dwt_cycles() - start;
    return s;
}

__attribute__((section(".itcm_text"), noinline)) static uint32_t fill_words(uint32_t *p, uint32_t n, uint32_t v)
{
    uint32_t start = dwt_cycles();
    for (uint32_t i = 0; i < n; i++) {
        p[i] = v + i;
    }
    __asm__ volatile("dsb" ::: "memory");
    return dwt_cycles() - start;
}

static uint32_t checksum;

/* Streams n and 2n words from p and prints both. */
static void stream(const char *name_n, const char *name_2n, const uint32_t *p)
{
    uint32_t c;
    /* warm over the whole stream: the fast model re-classifies the loop for this memory and sees
     * its span; the cache keeps only the last 4 KiB, which the timed runs reach last */
    checksum += sum_words(p, STREAM_WORDS, &c);
    checksum += sum_words(p, STREAM_WORDS / 2, &c);
    report(name_n, c);
    checksum += sum_words(p, STREAM_WORDS, &c);
    report(name_2n, c);
}

static void small(const char *name_n, const char *name_2n, const uint32_t *p)
{
    uint32_t c;
    checksum += sum_repeated(p, SMALL_WORDS, 1, &c); /* warm: lines in the cache, loop classified */
    checksum += sum_repeated(p, SMALL_WORDS, 8, &c);
    report(name_n, c);
    checksum += sum_repeated(p, SMALL_WORDS, 16, &c);
    report(name_2n, c);
}

int main(void)
{
    board_clock_216mhz(); /* 7 wait states, ART and prefetch on */
    dwt_cycles_enable();
    for (uint32_t i = 0; i < STREAM_WORDS; i++) {
        DTCM_WORDS[i] = i;
        SRAM1_WORDS[i] = i * 3u;
    }
    dcache(0);
    stream("flash_off_n", "flash_off_2n", flash_words);
    stream("sram1_off_n", "sram1_off_2n", SRAM1_WORDS);
    stream("dtcm_off_n", "dtcm_off_2n", DTCM_WORDS);
    dcache(1);
    stream("flash_on_n", "flash_on_2n", flash_words);
    stream("sram1_on_n", "sram1_on_2n", SRAM1_WORDS);
    stream("dtcm_on_n", "dtcm_on_2n", DTCM_WORDS);
    small("flash_small_n", "flash_small_2n", flash_words);
    small("sram1_small_n", "sram1_small_2n", SRAM1_WORDS);
    report("store_sram1_on_n", fill_words(SRAM1_WORDS, STREAM_WORDS / 2, 5));
    report("store_sram1_on_2n", fill_words(SRAM1_WORDS, STREAM_WORDS, 5));
    report("store_dtcm_on_n", fill_words(DTCM_WORDS, STREAM_WORDS / 2, 5));
    report("store_dtcm_on_2n", fill_words(DTCM_WORDS, STREAM_WORDS, 5));
    dcache(0);
    report("checksum_nonzero", checksum != 0);
    tinysim_sh_exit(0);
}
