/* tinysim's Dhrystone 2.1 port: board setup, placement checks, DWT->CYCCNT timing and the result
 * check. Dhrystone itself is fetched into a directory outside the repository (scripts/dhrystone.sh).
 *
 * Set-up, after [SL] (emulator/CYCLE_MODEL.md): core at 216 MHz, flash at 7 wait states;
 * I- and D-cache both on (CACHES=1) or both off (CACHES=0). Where the code runs (CODE_REGION) is
 * chosen by the Makefile; the data (globals, the two malloc'd records) and the stack lie in SRAM1
 * for code in flash or SRAM1, in DTCM for code in ITCM. main checks that the build put them there.
 *
 * Prints "dhrystone: <config> runs <n> cycles <c>" (c: DWT->CYCCNT between Dhrystone's own start
 * and stop of the timer). Exit status: 0 when every final value Dhrystone prints matches its
 * "should be", 3 when one does not, 2 when the board or the placement is not as stated above. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "board.h"
#include "process_stack.h"

#ifndef RUNS
#define RUNS 20000
#endif
#ifndef CACHES
#define CACHES 1
#endif
#ifndef CODE_REGION
#define CODE_REGION 0
#endif
#define STR(x) #x
#define XSTR(x) STR(x)

enum { IN_FLASH, IN_SRAM1, IN_ITCM, IN_DTCM, ELSEWHERE };
static const char *const REGION_NAMES[] = { "flash", "SRAM1", "ITCM", "DTCM", "elsewhere" };

/* What dhry_1.c and dhry_2.c define (their types, re-declared: dhry.h is not ours to include).
 * An enum, not an int: arm-none-eabi sizes enums to their values, as dhry.h's Enumeration is. */
enum dhry_enumeration { IDENT_1, IDENT_2, IDENT_3, IDENT_4, IDENT_5 };
struct dhry_record {
    struct dhry_record *next;
    enum dhry_enumeration discr;
    struct {
        enum dhry_enumeration enum_comp;
        int int_comp;
        char str_comp[31];
    } var_1; /* the union's first variant, the one the benchmark uses */
};
extern struct dhry_record *Ptr_Glob, *Next_Ptr_Glob;
extern int Int_Glob, Bool_Glob, Arr_1_Glob[50], Arr_2_Glob[50][50];
extern char Ch_1_Glob, Ch_2_Glob;
extern long Begin_Time, End_Time;
void dhry_main(int argc, char **argv);
void Proc_1(void);

#define STACK_WORDS 2048u
static uint32_t dhry_stack[STACK_WORDS] __attribute__((aligned(8)));
/* Read by the emulator: the lowest address the process stack may reach. */
volatile uint32_t tinysim_psp_limit;

/* Dhrystone's time(): both timer reads take DWT->CYCCNT. */
long dhry_port_cycles(void)
{
    return (long)DWT_CYCCNT;
}

static int region_of(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    if (a >= 0x08000000u && a < 0x08100000u) return IN_FLASH;
    if (a < 0x00004000u) return IN_ITCM;
    if (a >= 0x20000000u && a < 0x20010000u) return IN_DTCM;
    if (a >= 0x20010000u && a < 0x2004C000u) return IN_SRAM1;
    return ELSEWHERE;
}

static int placed(const char *what, const void *p, int expected)
{
    int region = region_of(p);
    if (region != expected) {
        printf("dhrystone port: %s at %p lies in %s, not %s\n", what, p, REGION_NAMES[region],
               REGION_NAMES[expected]);
        return 0;
    }
    return 1;
}

static int run_dhrystone(void)
{
    static char runs[] = XSTR(RUNS);
    char *argv[] = { "dhrystone", runs, 0 };
    dhry_main(2, argv);
    return 0;
}

/* Dhrystone's own "should be" values (dhry_1.c's final printout). */
static int results_valid(void)
{
    static const char SOME[] = "DHRYSTONE PROGRAM, SOME STRING";
    return Int_Glob == 5 && Bool_Glob == 1 && Ch_1_Glob == 'A' && Ch_2_Glob == 'B'
        && Arr_1_Glob[8] == 7 && Arr_2_Glob[8][7] == RUNS + 10 && Ptr_Glob->discr == IDENT_1
        && Ptr_Glob->var_1.enum_comp == IDENT_3 && Ptr_Glob->var_1.int_comp == 17
        && strcmp(Ptr_Glob->var_1.str_comp, SOME) == 0 && Next_Ptr_Glob->discr == IDENT_1
        && Next_Ptr_Glob->var_1.enum_comp == IDENT_2 && Next_Ptr_Glob->var_1.int_comp == 18
        && strcmp(Next_Ptr_Glob->var_1.str_comp, SOME) == 0 && Ptr_Glob->next == Next_Ptr_Glob->next;
}

int main(void)
{
    if (board_clock_216mhz() != 216000000u || (FLASH_ACR & FLASH_ACR_LATENCY_MASK) != 7u) {
        puts("dhrystone port: the core did not reach 216 MHz with 7 flash wait states");
        return 2;
    }
    int data_region = CODE_REGION == IN_ITCM ? IN_DTCM : IN_SRAM1;
    void *probe = malloc(16);
    int ok = placed("Dhrystone's code (Proc_1)", (const void *)((uintptr_t)&Proc_1 & ~1u), CODE_REGION)
        && placed("Dhrystone's globals (Arr_2_Glob)", Arr_2_Glob, data_region)
        && placed("the heap", probe, data_region) && placed("the stack", dhry_stack, data_region);
    free(probe);
    if (!ok) {
        return 2;
    }
    board_icache(CACHES);
    board_dcache(CACHES);
    dwt_cycles_enable();
    tinysim_psp_limit = (uint32_t)(uintptr_t)dhry_stack;
    board_call_on_process_stack(run_dhrystone, &dhry_stack[STACK_WORDS]);
    printf("dhrystone: %s runs %u cycles %lu code %s caches %s flags %s\n", CONFIG_NAME, (unsigned)RUNS,
           (unsigned long)(End_Time - Begin_Time), REGION_NAMES[CODE_REGION], CACHES ? "on" : "off",
           DHRY_FLAGS);
    if (!results_valid()) {
        puts("dhrystone port: a final value differs from Dhrystone's \"should be\"");
        return 3;
    }
    return 0;
}
