/* Native side of the tinysim cycle model: a Unicorn block hook that adds each block's
 * precomputed cost, enforces budgets and stops emulation when the host has work to do.
 * Java owns every policy; this file only counts. */
#ifndef TINYSIM_HOOK_H
#define TINYSIM_HOOK_H
#include <stdint.h>

enum tinysim_stop_reason {
    TS_STOP_NONE = 0,
    TS_STOP_CYCLE_BUDGET = 1,
    TS_STOP_INSN_BUDGET = 2,
    TS_STOP_EVENT_DUE = 3,
    TS_STOP_STACK_OVERFLOW = 4,
    TS_STOP_HOST_REQUEST = 5,
    TS_STOP_UNALIGNED = 6,
    TS_STOP_PROCESS_STACK_OVERFLOW = 7,
    TS_STOP_UNMASKED = 8,
    TS_STOP_DEBUG = 9,        /* breakpoint, step or watchpoint, inside a block already charged */
    TS_STOP_PAUSE = 10        /* the host asked for a pause (debugger, progress); nothing is due */
};

/* Called once per distinct (address, size) block; returns the packed cost:
 * bits 0-31 cycles, 32-47 instructions, 48-53 indirect-branch penalty (paid on a branch table miss;
 * without a table, on every taken exit), bit 54 "ends in a call" (BL, BLX: pushes the return stack),
 * bit 55 "ends in a return" (pops it), 56-60 mispredict
 * penalty, bit 61 "ends in a predicted conditional branch", bit 62 "that branch is backward",
 * bit 63 "fetched through the L1 I-cache" (simulated in exact I-cache mode). */
typedef int64_t (*tinysim_cost_fn)(uint32_t address, uint32_t size);

/* Asked once per block that reads a device: Java answers with tinysim_hook_set_accesses. */
typedef void (*tinysim_access_fn)(uint32_t address, uint32_t size);
/* Unicorn's MMIO read callback (uc_cb_mmio_read_t). */
typedef uint64_t (*tinysim_mmio_read_fn)(void *uc, uint64_t offset, unsigned size, void *user);

/* Device registers the native MMIO read serves (tinysim_hook_fast_register):
 * FAST_CYCLE_COUNT p = {counting, base}: (counting ? cycles + base : base) mod 2^32 (DWT CYCCNT);
 * FAST_TICK_COUNTER p = {counting, anchor cycle, anchor value, reload, cycles per tick}: a
 * down-counter that reloads on the tick after 0 (SysTick VAL);
 * FAST_CLEAR_ON_READ p = {bits, flag mask, flag, device-from cycle}: bits | (flag ? flag mask : 0),
 * and the read clears flag; a read at or after the device-from cycle (when the device may set the
 * flag) goes to Java, which reads flag back first (SysTick CTRL.COUNTFLAG). */
enum tinysim_fast_kind { FAST_NONE = 0, FAST_CYCLE_COUNT = 1, FAST_TICK_COUNTER = 2, FAST_CLEAR_ON_READ = 3 };

/* Shared with Java through JNA; CycleCounter reads it by offset, checked against tinysim_hook_abi. */
typedef struct tinysim_state {
    uint64_t cycles;
    uint64_t instructions;
    uint64_t cycle_limit;        /* 0 = none */
    uint64_t insn_limit;         /* 0 = none */
    uint64_t next_event_cycle;   /* UINT64_MAX = none */
    uint64_t block_start_cycles; /* cycles when the current block began */
    uint32_t block_address;
    uint32_t block_size;
    uint32_t prev_block_end;
    uint32_t prev_penalty;       /* bits 0-5 taken penalty; bit 8: prev block's branch is predicted;
                                  * bit 9: it ends in a call; bit 10: in a return */
    uint32_t stack_limit;        /* lowest legal SP; 0 = unchecked */
    uint32_t min_sp;
    int32_t stop_reason;
    int32_t stop_requested;      /* host asked for a stop at the next block */
    uint32_t fault_address;      /* unaligned access address */
    uint32_t fault_pc;
    uint32_t fault_size;
    uint32_t fault_is_write;
    uint32_t blocks_seen;
    uint32_t stack_top;          /* initial MSP: an SP in [stack_limit, stack_top] is the main stack */
    uint32_t wake_armed;         /* an exception is pending, held back only by PRIMASK/FAULTMASK/BASEPRI */
    uint32_t wake_priority;      /* its group priority */
    uint32_t wake_group_mask;    /* the BASEPRI bits that are group priority (AIRCR.PRIGROUP) */
    uint32_t on_psp;             /* thread mode on the PSP, as of the last host-side mode change */
    uint64_t psp_limit_ptr;      /* host address of the firmware's tinysim_psp_limit word; 0 = none */
} tinysim_state;

/* Words per row written by tinysim_hook_profile. */
#define TINYSIM_PROFILE_ROW_WORDS 10

/* The ABI facts Java mirrors, by name: "offsetof.<field>" of tinysim_state, "sizeof.tinysim_state",
 * "sizeof.profile_row" and the TS_STOP_* values. -1 for an unknown name. Lets a test fail when the
 * Java mirror and this header disagree. */
int64_t tinysim_hook_abi(const char *name);

/* Debugger support (tinysim_debug.c); the block hook consults it while one is attached. */
struct tinysim_debug;
/* Why the debugger stopped (tinysim_debug_stop_cause). */
enum tinysim_debug_cause { TS_DEBUG_NONE = 0, TS_DEBUG_BREAK = 1, TS_DEBUG_STEP = 2, TS_DEBUG_WATCH = 3 };
void tinysim_hook_set_debug(void *handle, struct tinysim_debug *debug);
int tinysim_debug_on_block(struct tinysim_debug *debug, uint32_t address, uint32_t size);

/* Before the LDRD/STRD/LDM/STM at address runs, checks that base register base_reg (0-12) is
 * word-aligned; if not, stops with TS_STOP_UNALIGNED (fault_* set, the access not executed). */
struct uc_struct;
int tinysim_hook_multiword_check(struct uc_struct *uc, void *handle, uint32_t address, uint32_t base_reg,
                                 uint32_t size, uint32_t is_write);

/* Costs the exact D-cache mode charges, computed by Java (DataMemoryModel) for the current setup;
 * passed as seven uint32 (CycleCounter.setExactDataCache). */
typedef struct {
    uint32_t dc_on;             /* CCR.DC */
    uint32_t art_on;            /* FLASH_ACR.ARTEN */
    uint32_t flash_line_fill;   /* one 32-byte line from flash */
    uint32_t sram_line_fill;    /* one 32-byte line from SRAM1/SRAM2 */
    uint32_t flash_uncached;    /* one uncached access to flash */
    uint32_t sram_uncached;     /* one uncached load from SRAM1/SRAM2 */
    uint32_t write_back;        /* evicting a dirty line */
} dcache_costs;

/* Fast guest stores to RAM (tinysim_ram.c): NULL when the library does not allow it. */
typedef struct tinysim_ram tinysim_ram;
tinysim_ram *tinysim_ram_attach(void *uc);
void tinysim_ram_detach(tinysim_ram *ram);
void tinysim_ram_set_enabled(tinysim_ram *ram, int enabled);
int tinysim_ram_enabled(const tinysim_ram *ram);
/* A block at address may run from RAM: its pages keep the self-modifying-code checks. */
void tinysim_ram_note_code(tinysim_ram *ram, uint32_t address, uint32_t size);

#endif
