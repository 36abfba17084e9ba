#include "tinysim_hook.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Only the few Unicorn entry points used here; declared to avoid needing libunicorn-dev. */
typedef struct uc_struct uc_engine;
typedef size_t uc_hook;
typedef int uc_err;
uc_err uc_emu_stop(uc_engine *uc);
uc_err uc_reg_read(uc_engine *uc, int regid, void *value);
uc_err uc_reg_write(uc_engine *uc, int regid, const void *value);
uc_err uc_hook_add(uc_engine *uc, uc_hook *hh, int type, void *callback, void *user_data,
                   uint64_t begin, uint64_t end, ...);
uc_err uc_hook_del(uc_engine *uc, uc_hook hh);
uc_err uc_mmio_map(uc_engine *uc, uint64_t address, size_t size, void *read_cb, void *user_data_read,
                   void *write_cb, void *user_data_write);

#define UC_HOOK_BLOCK 8
#define UC_HOOK_CODE 4
#define UC_HOOK_MEM_READ 1024
#define UC_HOOK_MEM_WRITE 2048
#define UC_ARM_REG_SP 12
#define UC_ARM_REG_PC 11
#define UC_ARM_REG_CONTROL 117
#define UC_ARM_REG_PRIMASK 123
#define UC_ARM_REG_BASEPRI 124
#define UC_ARM_REG_FAULTMASK 126
#define CONTROL_SPSEL 2u
#define UC_ARM_REG_R0 66 /* R0..R12 are consecutive ids; probes never name SP, LR or PC */
#define UC_MEM_WRITE 17

#define UC_ARM_REG_LR 10
/* Registers derived from the cycle counter that device reads are served from here (FAST_*). */
#define FAST_MAX 16 /* CYCCNT, SysTick VAL and CTRL, the eight USART ISRs */
#define FAST_PARAMS 5
#define PAGE_SPAN 4096
#define UNKNOWN_CYCLES 0xffffffu

/* Largest branch history table tinysim_hook_branch_table accepts (a power of two). */
#define BHT_MAX 4096

/* Registers a block hands over (R0..R15, S0..S31, R0..R15 as addresses; BlockHandOver.java). */
#define HANDOVER_REGISTERS 64

/* Open-addressing table from block key to packed cost, execution count and the dynamic state of
 * the block's final conditional branch (2-bit counter: 0-1 predict not taken, 2-3 taken). */
typedef struct {
    uint64_t key;   /* address << 32 | size; 0 = empty */
    int64_t packed;
    uint64_t executions;
    uint64_t taken;        /* executions that left to somewhere other than the next block */
    uint64_t mispredicts;  /* wrong guesses of its conditional branch; taken exits of its indirect
                            * branch that paid (the branch table missed; v2: every one) */
    uint64_t icache_miss_cycles; /* cycles charged for this block's simulated I-cache misses */
    uint64_t data_cycles;  /* data-side cycles beyond the packed cost: carried fractions, exact-mode accesses */
    uint64_t handover_cycles; /* cycles this block waited for a result the previous block left in flight */
    int64_t recost_adjust; /* what earlier executions paid beyond the current cost (re-costed blocks) */
    uint64_t return_stack_cycles; /* cycles its returns paid when the return stack, not the table, predicted them */
    uint32_t counter;
    int32_t probe;         /* data probe: register | target << 8, or -1 (see tinysim_hook_set_data) */
    uint32_t probe_min;    /* lowest and highest value seen in the probe register this window */
    uint32_t probe_max;
    uint32_t resident;     /* costed as reusing lines (span of the probe within the D-cache's size) */
    uint32_t last_window_stream; /* the last whole window looked like a stream (see PROBE_WINDOW) */
    uint32_t probe_last;   /* the probe's value at the previous check */
    int32_t probe_step;    /* its direction then: -1, 0 (first check of a window) or +1 */
    uint32_t probe_revisit; /* this window the probe stood still or turned back: lines are re-read */
    uint32_t data_fraction; /* data-side cycles per execution beyond the packed whole ones, in 1/256 */
    uint32_t tail;         /* result in flight at the block's end: register | remaining cycles << 8 */
    uint8_t first_use[HANDOVER_REGISTERS]; /* per register, cycle of the block's first read */
    int32_t *accesses;     /* per instruction: load/store base register | cycles before it << 8, or -1;
                            * fetched from Java the first time the block reads a device (NULL: not yet) */
    uint32_t access_count;
} block_entry;

#define PACKED_PREDICTED (1ULL << 61)
#define PACKED_ICACHED (1ULL << 63)
/* Cortex-M7 L1 I-cache of the F746: 4 KB, 2 ways x 64 sets x 32-byte lines (CCSIDR). */
#define IC_SETS 64
#define IC_WAYS 2
#define IC_LINE_SHIFT 5
#define PACKED_BACKWARD (1ULL << 62)
#define PREV_PREDICTED 0x100u
/* Bits 48-53 of the packed cost: the indirect-branch penalty; 54: the block ends in a call (BL,
 * BLX), 55: in a return (BX LR, POP/LDM SP! with PC, LDR pc, [sp]). prev_penalty mirrors them. */
#define PACKED_PENALTY_MASK 0x3fu
#define PACKED_CALL (1ULL << 54)
#define PACKED_RETURN (1ULL << 55)
#define PREV_CALL 0x200u
#define PREV_RETURN 0x400u
/* Largest return stack tinysim_hook_return_stack accepts. */
#define RAS_MAX 16
/* A probe register that stayed within this span (the D-cache's size) reads a working set the cache
 * holds: its stepped loads are costed as hits, not streams. */
#define RESIDENT_SPAN 4096
/* A block with a data probe re-checks its probe register every this many executions (power of 2). */
#define PROBE_PERIOD 64
/* The probe is judged over windows of this many executions (power of 2): a window whose span fits
 * the D-cache and in which the probe stood still or turned back (a filter re-read for every pixel)
 * reads cached lines; one whose span passed the cache, or in which the probe only ever moved one
 * way (a stream, however slow), streams. So the weights of a whole layer, walked over many windows,
 * do not count as one stream. */
#define PROBE_WINDOW 1024
/* L1 D-cache of the F746: 4 KB, 4 ways x 32 sets x 32-byte lines (CCSIDR). */
#define DC_SETS 32
#define DC_WAYS 4
/* ART on the flash's ITCM path, simulated as 64 direct-mapped 256-bit lines [A]. */
#define ART_LINES 64
/* Data addresses the exact D-cache mode watches: flash (ITCM alias .. AXIM) up to SRAM2's end. */
#define WATCH_BEGIN 0x00200000u
#define WATCH_END 0x2004FFFFu


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
    struct tinysim_debug *debug;   /* NULL unless a debugger is attached */
    volatile int32_t pause_requested; /* set from any thread by tinysim_hook_request_pause */
    int dcache_installed;
    uc_hook dcache_hook;
    dcache_costs dc;
    uint32_t dcache_tag[DC_SETS][DC_WAYS]; /* line address + 1; 0 = invalid */
    uint8_t dcache_age[DC_SETS][DC_WAYS];  /* 0 = most recently used */
    uint8_t dcache_dirty[DC_SETS][DC_WAYS];
    uint32_t art_tag[ART_LINES];
    uint64_t dcache_stats[4];              /* accesses, misses, uncached accesses, cycles */
    int32_t pending_probe;                 /* set by the cost callback for the block being costed */
    uint32_t pending_fraction;
    uint32_t costing_resident;             /* what the block being costed should assume (Java asks) */
    uint32_t pending_tail;
    uint8_t pending_first_use[HANDOVER_REGISTERS];
    uint64_t handover_cycles;              /* cycles charged for results handed across blocks */
    uint64_t profile_start;                /* run cycles when the per-block counts last restarted */
    uint32_t bht_entries;                  /* 0: one counter per block, unlimited (model v2) */
    uint32_t bht_tag[BHT_MAX];             /* end address of the block whose branch owns the entry */
    uint32_t bht_counter[BHT_MAX];
    uint32_t bht_target[BHT_MAX];          /* an indirect branch's last target (it owns the entry) */
    uint32_t fraction_carry;               /* 1/256 cycles not yet charged */
    uint32_t ras_entries;                  /* return stack depth; 0 = none */
    uint32_t ras_penalty;                  /* cycles of a return the stack predicts but the table missed */
    uint32_t ras[RAS_MAX];                 /* return addresses pushed by calls (circular) */
    uint32_t ras_top;
    uint32_t ras_count;
    uint64_t recosts;                      /* blocks re-costed because their data moved */
    tinysim_access_fn access_fn;           /* asks Java for a block's access table */
    int32_t *pending_accesses;             /* set by access_fn through tinysim_hook_set_accesses */
    uint32_t pending_access_count;
    uint64_t located_block_start;          /* the block execution whose accesses were located last */
    uint64_t located_key;
    int32_t located_index;                 /* its last device access so far; -1 = none */
    uint32_t fast_count;
    struct { uint32_t address; uint32_t kind; uint64_t p[FAST_PARAMS]; } fast[FAST_MAX];
    struct mmio_pages *pages;              /* device pages mapped through tinysim_hook_map_mmio */
    int engine_running;
    int fast_off;                          /* every device read goes to Java (to compare both paths) */
    tinysim_ram *ram;                      /* fast RAM stores; NULL if unavailable */
} hook_ctx;

/* One device page run: served here for the fast registers, else by Java. */
typedef struct mmio_pages {
    hook_ctx *ctx;
    uint64_t base;
    tinysim_mmio_read_fn java_read;
    struct mmio_pages *next;
} mmio_pages;

static int32_t empty_accesses[1];

static uint64_t mix(uint64_t k) {
    k ^= k >> 33; k *= 0xff51afd7ed558ccdULL; k ^= k >> 33;
    return k;
}

static int grow(hook_ctx *c);

/* What the cost callback left beside the packed cost (tinysim_hook_set_data). */
static void take_pending(hook_ctx *c, block_entry *e) {
    e->probe = c->pending_probe;
    e->data_fraction = c->pending_fraction;
    e->tail = c->pending_tail;
    memcpy(e->first_use, c->pending_first_use, HANDOVER_REGISTERS);
}

static void clear_pending(hook_ctx *c) {
    c->pending_probe = -1;
    c->pending_fraction = 0;
    c->pending_tail = 0;
    memset(c->pending_first_use, 31, HANDOVER_REGISTERS);
}

/* Mirrors DataMemoryModel.targetOf: 0 free (TCM...), 1 flash AXIM, 2 flash ITCM, 3 SRAM1/SRAM2. */
static int32_t data_target(uint32_t a) {
    if (a >= 0x08000000u && a < 0x08100000u) return 1;
    if (a >= 0x00200000u && a < 0x00300000u) return 2;
    if (a >= 0x20010000u && a < 0x20050000u) return 3;
    return 0;
}

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

/* Asks Java for the block's cost; `resident` says whether its probe's span so far fits the D-cache;
 * `restart` starts the span again from the probe's value (first costing, or the memory changed). */
static void cost_block(uc_engine *uc, hook_ctx *c, block_entry *e, uint64_t address, uint32_t size,
                       uint32_t resident, int restart) {
    clear_pending(c);
    if (e->accesses && e->accesses != empty_accesses) free(e->accesses);
    e->accesses = NULL; /* its cycle positions may have changed */
    e->access_count = 0;
    c->costing_resident = resident;
    e->packed = c->cost_fn((uint32_t)address, size);
    take_pending(c, e);
    e->resident = resident;
    if (e->probe >= 0) {
        uint32_t value;
        uc_reg_read(uc, UC_ARM_REG_R0 + (e->probe & 0xff), &value);
        if (restart) {
            e->probe_min = value;
            e->probe_max = value;
            e->last_window_stream = 0;
            e->probe_last = value;
            e->probe_step = 0;
            e->probe_revisit = 0;
        }
    }
}

/* Re-costs a block that has run: its earlier executions keep what they paid, which a profile
 * (executions x current cost) would otherwise misstate. */
static void recost_block(uc_engine *uc, hook_ctx *c, block_entry *e, uint64_t address, uint32_t size,
                         uint32_t resident, int restart) {
    int64_t before = e->packed;
    cost_block(uc, c, e, address, size, resident, restart);
    int64_t after = e->packed;
    int64_t paid = (int64_t)e->executions * ((int64_t)(uint32_t)before - (int64_t)(uint32_t)after);
    if ((uint64_t)before & PACKED_PREDICTED) {
        paid += (int64_t)e->mispredicts * ((int64_t)((before >> 56) & 0x1f) - (int64_t)((after >> 56) & 0x1f));
    } else {
        paid += (int64_t)e->mispredicts * ((int64_t)((before >> 48) & PACKED_PENALTY_MASK)
                                           - (int64_t)((after >> 48) & PACKED_PENALTY_MASK));
    }
    e->recost_adjust += paid;
    c->recosts++;
}

/* Return stack: a call pushes its return address, overwriting the oldest entry when full; a taken
 * return pops (an empty stack predicts nothing). */
static void ras_push(hook_ctx *c, uint32_t address) {
    c->ras_top = (c->ras_top + 1) % c->ras_entries;
    c->ras[c->ras_top] = address;
    if (c->ras_count < c->ras_entries) c->ras_count++;
}

static uint32_t ras_pop(hook_ctx *c) {
    if (c->ras_count == 0) return UINT32_MAX;
    uint32_t address = c->ras[c->ras_top];
    c->ras_top = (c->ras_top + c->ras_entries - 1) % c->ras_entries;
    c->ras_count--;
    return address;
}

static void on_block(uc_engine *uc, uint64_t address, uint32_t size, void *user) {
    hook_ctx *c = user;
    tinysim_state *s = c->state;
    if (c->debug && tinysim_debug_on_block(c->debug, (uint32_t)address, size)) return;
    uint64_t key = (address << 32) | size;
    block_entry *e = lookup(c, key);
    if (e->key == 0) {
        if ((c->used + 1) * 2 > c->mask + 1 && grow(c)) e = lookup(c, key);
        e->key = key;
        if (c->ram) tinysim_ram_note_code(c->ram, (uint32_t)address, size);
        cost_block(uc, c, e, address, size, 0, 1);
        e->executions = 0;
        e->taken = 0;
        e->mispredicts = 0;
        e->icache_miss_cycles = 0;
        e->data_cycles = 0;
        e->handover_cycles = 0;
        e->recost_adjust = 0;
        e->return_stack_cycles = 0;
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
        /* a code hook may have decided the reason already (on_multiword) */
        reason = s->stop_reason != TS_STOP_NONE ? s->stop_reason : TS_STOP_HOST_REQUEST;
    } else if (c->pause_requested) {
        c->pause_requested = 0;
        reason = TS_STOP_PAUSE;
    }
    if (reason != TS_STOP_NONE) {
        s->stop_reason = reason;
        uc_emu_stop(uc);
        return;
    }

    /* The block's data costs were classified from where its probe register pointed when it was
     * costed; now and then check it still points there (a memcpy from flash, later from SRAM), and
     * whether the span it has walked still fits the D-cache (a reused table) or no longer does. */
    if (e->probe >= 0 && (e->executions & (PROBE_PERIOD - 1)) == PROBE_PERIOD - 1) {
        uint32_t value;
        uc_reg_read(uc, UC_ARM_REG_R0 + (e->probe & 0xff), &value);
        if (data_target(value) != (e->probe >> 8)) {
            recost_block(uc, c, e, address, size, 0, 1);
        } else {
            if (value < e->probe_min) e->probe_min = value;
            if (value > e->probe_max) e->probe_max = value;
            int32_t step = value > e->probe_last ? 1 : value < e->probe_last ? -1 : 0;
            if (step == 0 || (e->probe_step != 0 && step != e->probe_step)) e->probe_revisit = 1;
            e->probe_step = step;
            e->probe_last = value;
            uint32_t wide = e->probe_max - e->probe_min >= RESIDENT_SPAN;
            /* streams at once when the span passes the cache; resident again only after a whole
             * window that stayed within it and re-read */
            uint32_t resident = !wide && !e->last_window_stream;
            if ((e->executions & (PROBE_WINDOW - 1)) == PROBE_WINDOW - 1) {
                e->last_window_stream = wide || !e->probe_revisit;
                e->probe_min = value;
                e->probe_max = value;
                e->probe_step = 0;
                e->probe_revisit = 0;
            }
            if (resident != e->resident) {
                recost_block(uc, c, e, address, size, resident, 0);
            }
        }
    }

    /* A transfer away from the straight-line successor pays the previous block's static penalty;
     * a predicted conditional branch pays its mispredict cost when the 2-bit counter was wrong. */
    int taken = (uint32_t)address != s->prev_block_end;
    block_entry *prev = c->prev;
    uint64_t transition_start = s->cycles;
    if ((s->prev_penalty & PREV_PREDICTED) && prev) {
        /* Finite table: a branch that lost its entry starts again from the static guess. */
        uint32_t *counter = &prev->counter;
        if (c->bht_entries) {
            uint32_t i = (s->prev_block_end >> 1) & (c->bht_entries - 1);
            if (c->bht_tag[i] != s->prev_block_end) {
                c->bht_tag[i] = s->prev_block_end;
                c->bht_counter[i] = ((uint64_t)prev->packed & PACKED_BACKWARD) ? 2 : 1;
            }
            counter = &c->bht_counter[i];
        }
        int predicted_taken = *counter >= 2;
        if (predicted_taken != taken) {
            s->cycles += ((uint64_t)prev->packed >> 56) & 0x1f;
            prev->mispredicts++;
        }
        if (taken && *counter < 3) (*counter)++;
        if (!taken && *counter > 0) (*counter)--;
        prev->taken += taken;
    } else if (taken && s->prev_block_end) {
        /* An indirect branch (the only kind with a static penalty) pays it unless the shared table
         * holds its last target and that target repeats; without a table (v2) it always pays. A
         * return the table missed but the return stack predicts pays the stack's redirect instead. */
        uint32_t penalty = s->prev_penalty & PACKED_PENALTY_MASK;
        uint32_t redirect = 0;
        if (penalty && c->bht_entries) {
            uint32_t i = (s->prev_block_end >> 1) & (c->bht_entries - 1);
            int hit = c->bht_tag[i] == s->prev_block_end && c->bht_target[i] == (uint32_t)address;
            if (!hit) {
                c->bht_tag[i] = s->prev_block_end;
                c->bht_target[i] = (uint32_t)address;
            }
            if ((s->prev_penalty & PREV_RETURN) && c->ras_entries) {
                uint32_t predicted = ras_pop(c);
                if (!hit && predicted == (uint32_t)address) {
                    penalty = 0;
                    redirect = c->ras_penalty;
                }
            }
            if (hit) penalty = 0;
        }
        s->cycles += penalty + redirect;
        if (prev) {
            prev->taken++;
            if (penalty) prev->mispredicts++;
            prev->return_stack_cycles += redirect;
        }
    }
    if ((s->prev_penalty & PREV_CALL) && taken && c->ras_entries) ras_push(c, s->prev_block_end);
    /* A result the previous block left in flight stalls this block's first reader of it, less what
     * the transition already paid (a flushed pipeline hides it). */
    if (prev && s->prev_block_end && prev->tail) {
        uint32_t reg = prev->tail & 0xff;
        int64_t wait = (int64_t)(prev->tail >> 8) - e->first_use[reg] - (int64_t)(s->cycles - transition_start);
        if (wait > 0) {
            s->cycles += (uint64_t)wait;
            c->handover_cycles += (uint64_t)wait;
            e->handover_cycles += (uint64_t)wait;
        }
    }
    s->block_start_cycles = s->cycles;
    s->block_address = (uint32_t)address;
    s->block_size = size;
    int64_t p = e->packed;
    s->cycles += (uint32_t)p;
    if (e->data_fraction) {
        c->fraction_carry += e->data_fraction;
        s->cycles += c->fraction_carry >> 8;
        e->data_cycles += c->fraction_carry >> 8;
        c->fraction_carry &= 0xff;
    }
    s->instructions += (uint64_t)((p >> 32) & 0xffff);
    s->prev_penalty = (uint32_t)((p >> 48) & PACKED_PENALTY_MASK)
                      | (((uint64_t)p & PACKED_PREDICTED) ? PREV_PREDICTED : 0)
                      | (((uint64_t)p & PACKED_CALL) ? PREV_CALL : 0)
                      | (((uint64_t)p & PACKED_RETURN) ? PREV_RETURN : 0);
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

static void dcache_touch(hook_ctx *c, uint32_t set, uint32_t way) {
    uint8_t age = c->dcache_age[set][way];
    for (uint32_t w = 0; w < DC_WAYS; w++) {
        if (c->dcache_age[set][w] < age) c->dcache_age[set][w]++;
    }
    c->dcache_age[set][way] = 0;
}

/* Returns the cycles of one access to a cacheable line: 0 on a hit, else the fill (loads) plus the
 * write-back of a dirty victim. Store misses do not allocate (the M7 streams them past the cache). */
static uint32_t dcache_access(hook_ctx *c, uint32_t address, int write, uint32_t fill) {
    uint32_t line = address >> 5;
    uint32_t set = line & (DC_SETS - 1);
    c->dcache_stats[0]++;
    for (uint32_t w = 0; w < DC_WAYS; w++) {
        if (c->dcache_tag[set][w] == line + 1) {
            dcache_touch(c, set, w);
            if (write) c->dcache_dirty[set][w] = 1;
            return 0;
        }
    }
    c->dcache_stats[1]++;
    if (write) return 0;
    uint32_t victim = 0;
    for (uint32_t w = 0; w < DC_WAYS; w++) {
        if (c->dcache_tag[set][w] == 0) { victim = w; break; }
        if (c->dcache_age[set][w] > c->dcache_age[set][victim]) victim = w;
    }
    uint32_t cycles = fill + (c->dcache_dirty[set][victim] ? c->dc.write_back : 0);
    c->dcache_tag[set][victim] = line + 1;
    c->dcache_dirty[set][victim] = 0;
    c->dcache_age[set][victim] = DC_WAYS - 1; /* the refill becomes the youngest, every other line ages */
    dcache_touch(c, set, victim);
    return cycles;
}

/* Exact D-cache mode: every data access to flash or SRAM1/SRAM2 pays what the memory system charges. */
static void on_data(uc_engine *uc, int type, uint64_t address, int size, int64_t value, void *user) {
    (void)uc; (void)size; (void)value;
    hook_ctx *c = user;
    uint32_t a = (uint32_t)address;
    int write = type == UC_MEM_WRITE;
    uint32_t cycles = 0;
    if (a >= 0x08000000u && a < 0x08100000u) {
        if (write) return;
        if (c->dc.dc_on) cycles = dcache_access(c, a, 0, c->dc.flash_line_fill);
        else { cycles = c->dc.flash_uncached; c->dcache_stats[2]++; }
    } else if (a >= 0x00200000u && a < 0x00300000u) {
        if (write) return;
        if (c->dc.art_on) {
            uint32_t line = a >> 5;
            uint32_t *tag = &c->art_tag[line & (ART_LINES - 1)];
            if (*tag != line + 1) { *tag = line + 1; cycles = c->dc.flash_line_fill; }
        } else { cycles = c->dc.flash_uncached; c->dcache_stats[2]++; }
    } else if (a >= 0x20010000u && a < 0x20050000u) {
        if (c->dc.dc_on) cycles = dcache_access(c, a, write, c->dc.sram_line_fill);
        else if (!write) { cycles = c->dc.sram_uncached; c->dcache_stats[2]++; }
    } else {
        return;
    }
    c->dcache_stats[3] += cycles;
    c->state->cycles += cycles;
    if (c->prev) c->prev->data_cycles += cycles; /* the block running now (set at its start) */
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
    c->ram = tinysim_ram_attach(uc);
    return c;
}

/* Cycles from the current block's start to the instruction doing the device access at address, or
 * -1 if unknown. Unicorn does not update the PC inside a block, but core registers are current at a
 * device access: the access belongs to the first load/store after this block execution's previous
 * device access whose base register points within a page of the address. */
static int64_t locate(uc_engine *uc, hook_ctx *c, uint32_t address) {
    tinysim_state *s = c->state;
    uint64_t key = ((uint64_t)s->block_address << 32) | s->block_size;
    block_entry *e = c->prev;
    if (!e || e->key != key) return -1;
    if (c->located_block_start != s->block_start_cycles || c->located_key != key) {
        c->located_block_start = s->block_start_cycles;
        c->located_key = key;
        c->located_index = -1;
    }
    if (!e->accesses) {
        if (!c->access_fn) return -1;
        c->pending_accesses = NULL;
        c->pending_access_count = 0;
        c->access_fn(s->block_address, s->block_size);
        e->accesses = c->pending_accesses ? c->pending_accesses : empty_accesses;
        e->access_count = c->pending_access_count;
        c->pending_accesses = NULL;
    }
    for (int32_t i = c->located_index + 1; i < (int32_t)e->access_count; i++) {
        int32_t packed = e->accesses[i];
        uint32_t reg = (uint32_t)packed & 0xff;
        if (packed < 0 || reg == 15) continue;
        int id = reg == 13 ? UC_ARM_REG_SP : reg == 14 ? UC_ARM_REG_LR : UC_ARM_REG_R0 + (int)reg;
        uint32_t base;
        uc_reg_read(uc, id, &base);
        int64_t distance = (int64_t)address - (int64_t)base;
        if (distance > -PAGE_SPAN && distance < PAGE_SPAN) {
            c->located_index = i;
            return ((uint32_t)packed >> 8) == UNKNOWN_CYCLES ? -1 : (uint32_t)packed >> 8;
        }
    }
    return -1;
}

/* Mirrors SysTick.valueAfterTicks: reloads on the tick after reaching 0, wraps every reload+1 ticks. */
static uint64_t tick_counter(const uint64_t *p, uint64_t now) {
    uint64_t anchor_value = p[2], reload = p[3];
    if (!p[0] || now <= p[1] || p[4] == 0) return anchor_value;
    uint64_t ticks = (now - p[1]) / p[4];
    if (ticks == 0) return anchor_value;
    uint64_t first_zero = anchor_value == 0 ? reload + 1 : anchor_value;
    if (ticks < first_zero) return first_zero - ticks;
    if (reload == 0) return 0;
    uint64_t since_zero = (ticks - first_zero) % (reload + 1);
    return since_zero == 0 ? 0 : reload + 1 - since_zero;
}

/* Device pages: word reads of a fast register while the engine runs are answered here, exact to
 * the reading instruction's cycle; everything else goes to Java. */
static uint64_t on_device_read(uc_engine *uc, uint64_t offset, unsigned size, void *user) {
    mmio_pages *pages = user;
    hook_ctx *c = pages->ctx;
    uint32_t address = (uint32_t)(pages->base + offset);
    if (c && size == 4 && c->engine_running && !c->fast_off) {
        for (uint32_t i = 0; i < c->fast_count; i++) {
            if (c->fast[i].address != address) continue;
            int64_t into = locate(uc, c, address);
            if (into < 0) break;
            uint64_t now = c->state->block_start_cycles + (uint64_t)into;
            uint64_t *p = c->fast[i].p;
            if (c->fast[i].kind == FAST_CYCLE_COUNT) return (uint32_t)(p[0] ? now + p[1] : p[1]);
            if (c->fast[i].kind == FAST_TICK_COUNTER) return tick_counter(p, now) & 0xffffffu;
            if (now >= p[3]) break; /* the device has state to catch up on first */
            uint64_t value = p[0] | (p[2] ? p[1] : 0);
            p[2] = 0;
            return value;
        }
    }
    return pages->java_read(uc, offset, size, NULL);
}

int tinysim_hook_map_mmio(uc_engine *uc, void *handle, uint64_t address, uint64_t size,
                          tinysim_mmio_read_fn java_read, void *java_write) {
    hook_ctx *c = handle;
    mmio_pages *pages = calloc(1, sizeof(mmio_pages));
    if (!pages) return -1;
    pages->ctx = c;
    pages->base = address;
    pages->java_read = java_read;
    int err = uc_mmio_map(uc, address, size, (void *)on_device_read, pages, java_write, NULL);
    if (err != 0) { free(pages); return err; }
    pages->next = c->pages;
    c->pages = pages;
    return 0;
}

/* Serves word reads of address from the cycle count (kind FAST_*, params as the enum documents);
 * FAST_NONE hands the register back to Java. Returns -1 when the table is full. */
int tinysim_hook_fast_register(void *handle, uint32_t address, uint32_t kind, const uint64_t *params) {
    hook_ctx *c = handle;
    uint32_t i = 0;
    while (i < c->fast_count && c->fast[i].address != address) i++;
    if (kind == FAST_NONE) {
        if (i < c->fast_count) c->fast[i] = c->fast[--c->fast_count];
        return 0;
    }
    if (i == c->fast_count) {
        if (i == FAST_MAX) return -1;
        c->fast_count++;
    }
    c->fast[i].address = address;
    c->fast[i].kind = kind;
    memcpy(c->fast[i].p, params, sizeof c->fast[i].p);
    return 0;
}

/* Parameter index of the register served at address (as the served reads left it), -1 if none. */
int64_t tinysim_hook_fast_param(void *handle, uint32_t address, uint32_t index) {
    hook_ctx *c = handle;
    for (uint32_t i = 0; i < c->fast_count; i++) {
        if (c->fast[i].address == address && index < FAST_PARAMS) return (int64_t)c->fast[i].p[index];
    }
    return -1;
}

/* Called by access_fn: per instruction of the block, its immediate-offset load/store base register
 * (or -1) | the cycles before it << 8 (0xffffff: unknown). */
void tinysim_hook_set_accesses(void *handle, uint32_t count, const int32_t *accesses) {
    hook_ctx *c = handle;
    if (c->pending_accesses) free(c->pending_accesses);
    c->pending_accesses = count ? malloc(count * sizeof(int32_t)) : NULL;
    c->pending_access_count = c->pending_accesses ? count : 0;
    if (c->pending_accesses) memcpy(c->pending_accesses, accesses, count * sizeof(int32_t));
}

void tinysim_hook_set_access_fn(void *handle, tinysim_access_fn fn) {
    ((hook_ctx *)handle)->access_fn = fn;
}

/* For Java's device reads: the same location the native reads use (one search state for both). */
int64_t tinysim_hook_locate(uc_engine *uc, void *handle, uint32_t address) {
    return locate(uc, (hook_ctx *)handle, address);
}

/* off != 0: every device read goes to Java, as before the native reads existed. */
void tinysim_hook_fast_off(void *handle, int off) {
    ((hook_ctx *)handle)->fast_off = off;
}

/* enabled != 0: guest stores to RAM pages without code skip Unicorn's dirty tracking (tinysim_ram.c).
 * Returns whether that is now in effect. */
int tinysim_hook_fast_ram(void *handle, int enabled) {
    hook_ctx *c = handle;
    if (c->ram) tinysim_ram_set_enabled(c->ram, enabled);
    return tinysim_ram_enabled(c->ram);
}

/* Whether uc_emu_start is running: device reads outside it (a debugger's) are Java's. */
void tinysim_hook_set_running(void *handle, int running) {
    ((hook_ctx *)handle)->engine_running = running;
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

/* One LDRD/STRD/LDM/STM whose base register must be word-aligned (ARMv7-M: always, whatever
 * CCR.UNALIGN_TRP says); Unicorn executes it unaligned, so a code hook checks the base first. */
typedef struct {
    tinysim_state *state;
    uint32_t base_reg;
    uint32_t size;
    uint32_t is_write;
} multiword_site;

static void on_multiword(uc_engine *uc, uint64_t address, uint32_t size, void *user) {
    (void)size;
    multiword_site *site = user;
    uint32_t base;
    uc_reg_read(uc, UC_ARM_REG_R0 + (int)site->base_reg, &base);
    if ((base & 3u) == 0) return;
    tinysim_state *s = site->state;
    if (s->stop_reason != TS_STOP_UNALIGNED) {
        s->stop_reason = TS_STOP_UNALIGNED;
        s->fault_address = base;
        s->fault_pc = (uint32_t)address;
        s->fault_size = site->size;
        s->fault_is_write = site->is_write;
    }
    /* Point the PC at the access itself so it does not run; Unicorn then restarts there, so the
     * stop happens at that block boundary (stop_requested), as for a host request. */
    s->stop_requested = 1;
    uc_emu_stop(uc);
    uint32_t pc = (uint32_t)address | 1u;
    uc_reg_write(uc, UC_ARM_REG_PC, &pc);
}

/* Checks the base register (0-12) of the multi-word access at address before it executes. */
int tinysim_hook_multiword_check(uc_engine *uc, void *handle, uint32_t address, uint32_t base_reg,
                                 uint32_t size, uint32_t is_write) {
    hook_ctx *c = handle;
    multiword_site *site = calloc(1, sizeof(multiword_site)); /* lives as long as the engine */
    if (!site || base_reg > 12) { free(site); return -1; }
    site->state = c->state;
    site->base_reg = base_reg;
    site->size = size;
    site->is_write = is_write;
    uc_hook hook;
    int err = uc_hook_add(uc, &hook, UC_HOOK_CODE, (void *)on_multiword, site, address, address);
    if (err != 0) free(site);
    return err;
}

void tinysim_hook_set_debug(void *handle, struct tinysim_debug *debug) {
    ((hook_ctx *)handle)->debug = debug;
}

/* Thread-safe: the next block boundary stops with TS_STOP_PAUSE. */
void tinysim_hook_request_pause(void *handle) {
    ((hook_ctx *)handle)->pause_requested = 1;
}

static void free_access_tables(hook_ctx *c) {
    for (uint32_t i = 0; i <= c->mask; i++) {
        if (c->table[i].accesses && c->table[i].accesses != empty_accesses) free(c->table[i].accesses);
        c->table[i].accesses = NULL;
    }
    c->located_key = 0;
}

/* Forgets cached costs (after the host rewrites code memory or changes wait states). */
void tinysim_hook_forget_costs(void *handle) {
    hook_ctx *c = handle;
    free_access_tables(c);
    memset(c->table, 0, (size_t)(c->mask + 1) * sizeof(block_entry));
    c->used = 0;
    c->prev = NULL;
    c->profile_start = c->state->cycles;
    memset(c->icache_tag, 0, sizeof c->icache_tag); /* costs are forgotten when the caches switch */
    memset(c->dcache_tag, 0, sizeof c->dcache_tag);
    memset(c->dcache_dirty, 0, sizeof c->dcache_dirty);
    memset(c->dcache_age, 0, sizeof c->dcache_age);
    memset(c->art_tag, 0, sizeof c->art_tag);
    memset(c->bht_tag, 0, sizeof c->bht_tag);
    c->ras_count = 0;
}

/* Branch table: entries (a power of two up to BHT_MAX) shared by all conditional branches (2-bit
 * counters) and indirect branches (last target), indexed and tagged by address; 0 = one private
 * counter per block and static indirect penalties (v2). Returns -1 if invalid. */
int tinysim_hook_branch_table(void *handle, uint32_t entries) {
    hook_ctx *c = handle;
    if (entries > BHT_MAX || (entries & (entries - 1)) != 0) return -1;
    c->bht_entries = entries;
    memset(c->bht_tag, 0, sizeof c->bht_tag);
    return 0;
}

/* Return stack: entries (0 = none, up to RAS_MAX) pushed by calls and popped by returns; a return
 * the branch table misses but the stack predicts costs penalty cycles instead of its miss penalty.
 * Returns -1 if invalid. */
int tinysim_hook_return_stack(void *handle, uint32_t entries, uint32_t penalty) {
    hook_ctx *c = handle;
    if (entries > RAS_MAX || penalty > PACKED_PENALTY_MASK) return -1;
    c->ras_entries = entries;
    c->ras_penalty = penalty;
    c->ras_count = 0;
    c->ras_top = 0;
    return 0;
}

/* Exact D-cache mode on (costs non-NULL, copied) or off (NULL). The memory hook it installs takes every
 * load and store off Unicorn's fast path, so it is for measuring the fast default, not for every run. */
int tinysim_hook_dcache_exact(uc_engine *uc, void *handle, const dcache_costs *costs) {
    hook_ctx *c = handle;
    if (costs == NULL) {
        if (c->dcache_installed) { uc_hook_del(uc, c->dcache_hook); c->dcache_installed = 0; }
        return 0;
    }
    c->dc = *costs;
    if (c->dcache_installed) return 0;
    int err = uc_hook_add(uc, &c->dcache_hook, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)on_data, c,
                          WATCH_BEGIN, WATCH_END);
    if (err == 0) c->dcache_installed = 1;
    return err;
}

/* Called by the cost callback for the block being costed: the register whose target
 * (DataMemoryModel.Target ordinal) its data costs assume, packed as register | target << 8, or -1;
 * the data-side cycles per execution beyond the packed whole ones, in 1/256 (a streamed line's
 * fill is shared by its words, so a load's share is rarely whole); the result it leaves in flight
 * (register | remaining << 8, 0 = none) and the cycle it first reads each of 64 registers. */
void tinysim_hook_set_data(void *handle, int32_t probe, uint32_t fraction, uint32_t tail,
                           const uint8_t *first_use) {
    hook_ctx *c = handle;
    c->pending_probe = probe;
    c->pending_fraction = fraction & 0xff;
    c->pending_tail = (tail & 0xff) < HANDOVER_REGISTERS ? tail : 0;
    memcpy(c->pending_first_use, first_use, HANDOVER_REGISTERS);
}

/* Run cycles before the per-block counts last restarted: what a profile cannot attribute. */
uint64_t tinysim_hook_profile_start(void *handle) {
    return ((hook_ctx *)handle)->profile_start;
}

/* Cycles charged so far for results handed from one block to the next. */
uint64_t tinysim_hook_handover_cycles(void *handle) {
    return ((hook_ctx *)handle)->handover_cycles;
}

/* Asked by the cost callback: whether the block being costed reads a working set within the D-cache. */
int tinysim_hook_costing_resident(void *handle) {
    return (int)((hook_ctx *)handle)->costing_resident;
}

/* Blocks re-costed so far because their probe register moved to another memory. */
uint64_t tinysim_hook_recosts(void *handle) {
    return ((hook_ctx *)handle)->recosts;
}

/* Exact D-cache mode counters: accesses looked up, misses, uncached accesses, cycles charged. */
void tinysim_hook_dcache_stats(void *handle, uint64_t *out) {
    memcpy(out, ((hook_ctx *)handle)->dcache_stats, sizeof ((hook_ctx *)handle)->dcache_stats);
}

/* Copies up to max (key, executions, packed, taken, mispredicts, I-cache miss cycles, data cycles,
 * hand-over cycles, re-costing adjustment, return-stack cycles) rows for profiling;
 * returns the row count. */
uint32_t tinysim_hook_profile(void *handle, uint64_t *out, uint32_t max) {
    hook_ctx *c = handle;
    uint32_t n = 0;
    for (uint32_t i = 0; i <= c->mask && n < max; i++) {
        if (c->table[i].key) {
            out[n * TINYSIM_PROFILE_ROW_WORDS] = c->table[i].key;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 1] = c->table[i].executions;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 2] = (uint64_t)c->table[i].packed;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 3] = c->table[i].taken;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 4] = c->table[i].mispredicts;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 5] = c->table[i].icache_miss_cycles;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 6] = c->table[i].data_cycles;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 7] = c->table[i].handover_cycles;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 8] = (uint64_t)c->table[i].recost_adjust;
            out[n * TINYSIM_PROFILE_ROW_WORDS + 9] = c->table[i].return_stack_cycles;
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
        if (c->dcache_installed) uc_hook_del(uc, c->dcache_hook);
    }
    tinysim_ram_detach(c->ram);
    free_access_tables(c);
    free(c->table);
    free(c->pending_accesses);
    /* The page records stay (a few bytes per machine): Unicorn calls them until the engine is closed. */
    for (mmio_pages *p = c->pages; p; p = p->next) p->ctx = NULL;
    free(c);
}

#define FIELD(f) {"offsetof." #f, offsetof(tinysim_state, f)}
#define STOP(r) {#r, r}

int64_t tinysim_hook_abi(const char *name) {
    static const struct { const char *name; int64_t value; } facts[] = {
        FIELD(cycles), FIELD(instructions), FIELD(cycle_limit), FIELD(insn_limit), FIELD(next_event_cycle),
        FIELD(block_start_cycles), FIELD(block_address), FIELD(block_size), FIELD(prev_block_end),
        FIELD(prev_penalty), FIELD(stack_limit), FIELD(min_sp), FIELD(stop_reason), FIELD(stop_requested),
        FIELD(fault_address), FIELD(fault_pc), FIELD(fault_size), FIELD(fault_is_write), FIELD(blocks_seen),
        FIELD(stack_top), FIELD(wake_armed), FIELD(wake_priority), FIELD(wake_group_mask), FIELD(on_psp),
        FIELD(psp_limit_ptr),
        {"sizeof.tinysim_state", sizeof(tinysim_state)},
        {"sizeof.profile_row", TINYSIM_PROFILE_ROW_WORDS * sizeof(uint64_t)},
        STOP(TS_STOP_NONE), STOP(TS_STOP_CYCLE_BUDGET), STOP(TS_STOP_INSN_BUDGET), STOP(TS_STOP_EVENT_DUE),
        STOP(TS_STOP_STACK_OVERFLOW), STOP(TS_STOP_HOST_REQUEST), STOP(TS_STOP_UNALIGNED),
        STOP(TS_STOP_PROCESS_STACK_OVERFLOW), STOP(TS_STOP_UNMASKED), STOP(TS_STOP_DEBUG), STOP(TS_STOP_PAUSE),
        STOP(TS_DEBUG_NONE), STOP(TS_DEBUG_BREAK), STOP(TS_DEBUG_STEP), STOP(TS_DEBUG_WATCH),
    };
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
        if (strcmp(facts[i].name, name) == 0) {
            return facts[i].value;
        }
    }
    return -1;
}
