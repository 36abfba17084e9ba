#include "tinysim_hook.h"
#include <stdlib.h>
#include <string.h>

/* Only the few Unicorn entry points used here; declared to avoid needing libunicorn-dev. */
typedef struct uc_struct uc_engine;
typedef size_t uc_hook;
typedef int uc_err;
uc_err uc_emu_stop(uc_engine *uc);
uc_err uc_reg_read(uc_engine *uc, int regid, void *value);
uc_err uc_hook_add(uc_engine *uc, uc_hook *hh, int type, void *callback, void *user_data,
                   uint64_t begin, uint64_t end, ...);
uc_err uc_hook_del(uc_engine *uc, uc_hook hh);

#define UC_HOOK_BLOCK 8
#define UC_HOOK_MEM_READ 1024
#define UC_HOOK_MEM_WRITE 2048
#define UC_ARM_REG_SP 12
#define UC_ARM_REG_PC 11
#define UC_ARM_REG_CONTROL 117
#define UC_ARM_REG_PRIMASK 123
#define UC_ARM_REG_BASEPRI 124
#define UC_ARM_REG_FAULTMASK 126
#define CONTROL_SPSEL 2u
#define UC_MEM_WRITE 17

/* Open-addressing table from block key to packed cost, execution count and the dynamic state of
 * the block's final conditional branch (2-bit counter: 0-1 predict not taken, 2-3 taken). */
typedef struct {
    uint64_t key;   /* address << 32 | size; 0 = empty */
    int64_t packed;
    uint64_t executions;
    uint64_t taken;        /* executions that left to somewhere other than the next block */
    uint64_t mispredicts;
    uint64_t icache_miss_cycles; /* cycles charged for this block's simulated I-cache misses */
    uint32_t counter;
} block_entry;

#define PACKED_PREDICTED (1ULL << 61)
#define PACKED_ICACHED (1ULL << 63)
/* Cortex-M7 L1 I-cache of the F746: 4 KB, 2 ways x 64 sets x 32-byte lines (CCSIDR). */
#define IC_SETS 64
#define IC_WAYS 2
#define IC_LINE_SHIFT 5
#define PACKED_BACKWARD (1ULL << 62)
#define PREV_PREDICTED 0x100u

typedef struct {
    tinysim_state *state;
    tinysim_cost_fn cost_fn;
    block_entry *table;
    uint32_t mask;
    uint32_t used;
    block_entry *prev;   /* block that ran last, for its branch outcome; NULL = none */
    int icache_exact;    /* simulate the I-cache for blocks marked PACKED_ICACHED */
    uint32_t icache_miss_cycles;
    uint32_t icache_tag[IC_SETS][IC_WAYS]; /* line address + 1; 0 = invalid */
    uint8_t icache_lru[IC_SETS];           /* way to replace next */
    uc_hook block_hook;
    uc_hook align_hook;
    int align_installed;
} hook_ctx;

static uint64_t mix(uint64_t k) {
    k ^= k >> 33; k *= 0xff51afd7ed558ccdULL; k ^= k >> 33;
    return k;
}

static int grow(hook_ctx *c);

static block_entry *lookup(hook_ctx *c, uint64_t key) {
    uint32_t i = (uint32_t)mix(key) & c->mask;
    while (c->table[i].key != 0 && c->table[i].key != key) {
        i = (i + 1) & c->mask;
    }
    return &c->table[i];
}

static int grow(hook_ctx *c) {
    uint32_t old_size = c->mask + 1;
    block_entry *old = c->table;
    block_entry *bigger = calloc((size_t)old_size * 2, sizeof(block_entry));
    if (!bigger) return 0;
    c->table = bigger;
    c->mask = old_size * 2 - 1;
    for (uint32_t i = 0; i < old_size; i++) {
        if (old[i].key) *lookup(c, old[i].key) = old[i];
    }
    if (c->prev) c->prev = lookup(c, c->prev->key);
    free(old);
    return 1;
}

static void on_block(uc_engine *uc, uint64_t address, uint32_t size, void *user) {
    hook_ctx *c = user;
    tinysim_state *s = c->state;
    uint64_t key = (address << 32) | size;
    block_entry *e = lookup(c, key);
    if (e->key == 0) {
        if ((c->used + 1) * 2 > c->mask + 1 && grow(c)) e = lookup(c, key);
        e->key = key;
        e->packed = c->cost_fn((uint32_t)address, size);
        e->executions = 0;
        e->taken = 0;
        e->mispredicts = 0;
        e->icache_miss_cycles = 0;
        e->counter = ((uint64_t)e->packed & PACKED_BACKWARD) ? 2 : 1; /* backward taken, forward not */
        c->used++;
        s->blocks_seen = c->used;
    }
    /* Decide at this block boundary, before the block runs: Unicorn does not run a block whose
     * hook stops emulation, and runs it again on restart, so it must not be counted yet. */
    int reason = TS_STOP_NONE;
    if (s->stack_limit) {
        uint32_t sp;
        uc_reg_read(uc, UC_ARM_REG_SP, &sp);
        if (sp >= s->stack_limit && sp <= s->stack_top) {
            if (sp < s->min_sp) s->min_sp = sp;
        } else {
            /* Outside the main stack: a task stack when thread mode runs on the PSP, checked against
             * the limit the firmware declares; else a main-stack overflow. The host keeps on_psp
             * current at exception entry and return; an MSR CONTROL in thread mode is caught here
             * (SPSEL reads 0 in handler mode) before an overflow is reported. */
            if (!s->on_psp && sp < s->stack_limit) {
                uint32_t control;
                uc_reg_read(uc, UC_ARM_REG_CONTROL, &control);
                s->on_psp = (control & CONTROL_SPSEL) != 0;
            }
            if (s->on_psp) {
                const uint32_t *limit = (const uint32_t *)(uintptr_t)s->psp_limit_ptr;
                if (limit && *limit && sp < *limit) reason = TS_STOP_PROCESS_STACK_OVERFLOW;
            } else if (sp < s->stack_limit) {
                reason = TS_STOP_STACK_OVERFLOW;
            }
        }
    }
    if (reason == TS_STOP_NONE && s->wake_armed) {
        /* MSR PRIMASK/BASEPRI/FAULTMASK and CPSIE end their block, so this sees the new masks at
         * the next instruction. */
        uint32_t primask, faultmask, basepri;
        uc_reg_read(uc, UC_ARM_REG_PRIMASK, &primask);
        uc_reg_read(uc, UC_ARM_REG_FAULTMASK, &faultmask);
        if (!((primask | faultmask) & 1)) {
            uc_reg_read(uc, UC_ARM_REG_BASEPRI, &basepri);
            basepri &= s->wake_group_mask;
            if (basepri == 0 || s->wake_priority < basepri) reason = TS_STOP_UNMASKED;
        }
    }
    if (reason != TS_STOP_NONE) {
        /* already decided */
    } else if (s->cycle_limit && s->cycles > s->cycle_limit) {
        reason = TS_STOP_CYCLE_BUDGET;
    } else if (s->insn_limit && s->instructions > s->insn_limit) {
        reason = TS_STOP_INSN_BUDGET;
    } else if (s->cycles >= s->next_event_cycle) {
        reason = TS_STOP_EVENT_DUE;
    } else if (s->stop_requested) {
        s->stop_requested = 0;
        reason = TS_STOP_HOST_REQUEST;
    }
    if (reason != TS_STOP_NONE) {
        s->stop_reason = reason;
        uc_emu_stop(uc);
        return;
    }

    /* A transfer away from the straight-line successor pays the previous block's static penalty;
     * a predicted conditional branch pays its mispredict cost when the 2-bit counter was wrong. */
    int taken = (uint32_t)address != s->prev_block_end;
    block_entry *prev = c->prev;
    if ((s->prev_penalty & PREV_PREDICTED) && prev) {
        int predicted_taken = prev->counter >= 2;
        if (predicted_taken != taken) {
            s->cycles += ((uint64_t)prev->packed >> 56) & 0x1f;
            prev->mispredicts++;
        }
        if (taken && prev->counter < 3) prev->counter++;
        if (!taken && prev->counter > 0) prev->counter--;
        prev->taken += taken;
    } else if (taken && s->prev_block_end) {
        s->cycles += s->prev_penalty & 0xff;
        if (prev) prev->taken++;
    }
    s->block_start_cycles = s->cycles;
    s->block_address = (uint32_t)address;
    s->block_size = size;
    int64_t p = e->packed;
    s->cycles += (uint32_t)p;
    s->instructions += (uint64_t)((p >> 32) & 0xffff);
    s->prev_penalty = (uint32_t)((p >> 48) & 0xff) | (((uint64_t)p & PACKED_PREDICTED) ? PREV_PREDICTED : 0);
    s->prev_block_end = (uint32_t)address + size;
    c->prev = e;
    e->executions++;
    if (c->icache_exact && ((uint64_t)p & PACKED_ICACHED)) {
        for (uint32_t line = (uint32_t)address >> IC_LINE_SHIFT;
             line <= ((uint32_t)address + size - 1) >> IC_LINE_SHIFT; line++) {
            uint32_t set = line & (IC_SETS - 1);
            uint32_t *ways = c->icache_tag[set];
            if (ways[0] == line + 1) { c->icache_lru[set] = 1; continue; }
            if (ways[1] == line + 1) { c->icache_lru[set] = 0; continue; }
            uint8_t victim = c->icache_lru[set];
            ways[victim] = line + 1;
            c->icache_lru[set] = (uint8_t)(victim ^ 1);
            s->cycles += c->icache_miss_cycles;
            e->icache_miss_cycles += c->icache_miss_cycles;
        }
    }
}

/* CCR.UNALIGN_TRP: every unaligned halfword or word access faults. Unicorn does not model it,
 * so this hook (installed only while the firmware has the trap enabled) does. */
static void on_mem(uc_engine *uc, int type, uint64_t address, int size, int64_t value, void *user) {
    (void)value;
    hook_ctx *c = user;
    if (size <= 1 || (address & (uint64_t)(size - 1)) == 0) return;
    tinysim_state *s = c->state;
    if (s->stop_reason == TS_STOP_UNALIGNED) return;
    uint32_t pc;
    uc_reg_read(uc, UC_ARM_REG_PC, &pc);
    s->stop_reason = TS_STOP_UNALIGNED;
    s->fault_address = (uint32_t)address;
    s->fault_pc = pc;
    s->fault_size = (uint32_t)size;
    s->fault_is_write = type == UC_MEM_WRITE;
    uc_emu_stop(uc);
}

void *tinysim_hook_install(uc_engine *uc, tinysim_state *state, tinysim_cost_fn cost_fn) {
    hook_ctx *c = calloc(1, sizeof(hook_ctx));
    if (!c) return NULL;
    c->state = state;
    c->cost_fn = cost_fn;
    c->mask = 4095;
    c->table = calloc(c->mask + 1, sizeof(block_entry));
    if (!c->table) { free(c); return NULL; }
    if (uc_hook_add(uc, &c->block_hook, UC_HOOK_BLOCK, (void *)on_block, c, 1, 0) != 0) {
        free(c->table); free(c); return NULL;
    }
    return c;
}

/* mode 0: off; 1: trap every unaligned halfword/word access (CCR.UNALIGN_TRP). */
int tinysim_hook_alignment(uc_engine *uc, void *handle, int mode) {
    hook_ctx *c = handle;
    if (c->align_installed) { uc_hook_del(uc, c->align_hook); c->align_installed = 0; }
    if (mode == 0) return 0;
    int err = uc_hook_add(uc, &c->align_hook, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)on_mem, c, 1, 0);
    if (err == 0) c->align_installed = mode;
    return err;
}

/* Forgets cached costs (after the host rewrites code memory or changes wait states). */
void tinysim_hook_forget_costs(void *handle) {
    hook_ctx *c = handle;
    memset(c->table, 0, (size_t)(c->mask + 1) * sizeof(block_entry));
    c->used = 0;
    c->prev = NULL;
    memset(c->icache_tag, 0, sizeof c->icache_tag); /* costs are forgotten when the caches switch */
}

/* Copies up to max (key, executions, packed, taken, mispredicts, I-cache miss cycles) rows for profiling;
 * returns the row count. */
uint32_t tinysim_hook_profile(void *handle, uint64_t *out, uint32_t max) {
    hook_ctx *c = handle;
    uint32_t n = 0;
    for (uint32_t i = 0; i <= c->mask && n < max; i++) {
        if (c->table[i].key) {
            out[n * 6] = c->table[i].key;
            out[n * 6 + 1] = c->table[i].executions;
            out[n * 6 + 2] = (uint64_t)c->table[i].packed;
            out[n * 6 + 3] = c->table[i].taken;
            out[n * 6 + 4] = c->table[i].mispredicts;
            out[n * 6 + 5] = c->table[i].icache_miss_cycles;
            n++;
        }
    }
    return n;
}

/* Exact I-cache mode: each execution of a block marked PACKED_ICACHED looks up its 32-byte lines in
 * a simulated 2-way LRU cache and pays miss_cycles per miss. Off by default (misses are then free). */
void tinysim_hook_icache_exact(void *handle, int enabled, uint32_t miss_cycles) {
    hook_ctx *c = handle;
    c->icache_exact = enabled;
    c->icache_miss_cycles = miss_cycles;
}

uint32_t tinysim_hook_block_count(void *handle) {
    return ((hook_ctx *)handle)->used;
}

void tinysim_hook_uninstall(uc_engine *uc, void *handle) {
    hook_ctx *c = handle;
    if (!c) return;
    if (uc) {
        uc_hook_del(uc, c->block_hook);
        if (c->align_installed) uc_hook_del(uc, c->align_hook);
    }
    free(c->table);
    free(c);
}
