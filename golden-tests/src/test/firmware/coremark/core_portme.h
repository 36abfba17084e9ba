/* tinysim's CoreMark port for the emulated STM32F746 (written here; CoreMark itself is fetched
 * into a directory outside the repository, see scripts/coremark.sh). The settings are the ones
 * CoreMark's porting contract asks every port to define. */
#ifndef CORE_PORTME_H
#define CORE_PORTME_H

#include <stddef.h>
#include <stdint.h>

/* No FPU doubles on the F746 (single-precision FPU): report whole seconds and ticks. */
#define HAS_FLOAT 0
#define HAS_TIME_H 0
#define USE_CLOCK 0
/* ee_printf is the port's (it notes the validation line), printing through newlib-nano's printf,
 * which the board's syscalls.c routes to semihosting. */
#define HAS_STDIO 1
#define HAS_PRINTF 0

#ifndef COMPILER_VERSION
#define COMPILER_VERSION "GCC " __VERSION__
#endif
#ifndef COMPILER_FLAGS
#define COMPILER_FLAGS "(not given)"
#endif
#define MEM_LOCATION "STATIC, DTCM"

typedef int16_t ee_s16;
typedef uint16_t ee_u16;
typedef int32_t ee_s32;
typedef uint8_t ee_u8;
typedef uint32_t ee_u32;
typedef uintptr_t ee_ptr_int;
typedef size_t ee_size_t;

/* Rounds a pointer up to the next 32-bit boundary. */
#define align_mem(x) (void *)(4 + (((ee_ptr_int)(x)-1) & ~3))

/* DWT->CYCCNT ticks at the core clock. */
typedef uint32_t CORE_TICKS;

/* Seeds come from volatile variables, so the compiler cannot fold the benchmark. */
#define SEED_METHOD SEED_VOLATILE
/* The data block is a static array: .bss, which the board's linker script puts at the bottom of
 * RAM, i.e. in DTCM (0x20000000). */
#define MEM_METHOD MEM_STATIC
#define MULTITHREAD 1
#define MAIN_HAS_NOARGC 1
#define MAIN_HAS_NORETURN 0

extern ee_u32 default_num_contexts;

typedef struct CORE_PORTABLE_S {
    ee_u8 portable_id;
} core_portable;

void portable_init(core_portable *p, int *argc, char *argv[]);
void portable_fini(core_portable *p);
int ee_printf(const char *format, ...);

#endif
