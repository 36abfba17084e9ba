/* Debugger support for the GDB server: breakpoints, single-step and watchpoints as Unicorn hooks
 * that exist only while the debugger needs them, and the bookkeeping that keeps the cycle count
 * exactly as in a run without a debugger.
 *
 * The block hook charges a whole block before it runs. A debugger stop lands inside a block that
 * has already been charged; resuming there makes Unicorn start a new block at the stop address,
 * whose hook must then charge nothing (tinysim_debug_on_block). */
#include "tinysim_hook.h"
#include <stdlib.h>

typedef struct uc_struct uc_engine;
typedef size_t uc_hook;
typedef int uc_err;
uc_err uc_emu_stop(uc_engine *uc);
uc_err uc_hook_add(uc_engine *uc, uc_hook *hh, int type, void *callback, void *user_data,
                   uint64_t begin, uint64_t end, ...);
uc_err uc_hook_del(uc_engine *uc, uc_hook hh);
uc_err uc_ctl(uc_engine *uc, int control, ...);

#define UC_HOOK_CODE 4
#define UC_HOOK_MEM_READ 1024
#define UC_HOOK_MEM_WRITE 2048
#define UC_MEM_WRITE 17
/* UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2): hooks are compiled into translated code, so the code a
 * hook covers must be translated again. A full UC_CTL_TB_FLUSH costs ~400 ms on Unicorn 2.0.1;
 * dropping the blocks of a range costs what the range holds. */
#define UC_CTL_TB_REMOVE_CACHE_WRITE ((9) | (2 << 26) | (1 << 30))
#define MAX_POINTS 64
/* Widest single access (LDRD/STRD, VLDR.64): a watch range is hooked from this far below its start. */
#define WIDEST_ACCESS 8

typedef struct {
    uint32_t address;
    uint32_t length; /* watchpoints only */
    int kind;        /* watchpoints: 1 write, 2 read, 3 access */
    uc_hook hook;
} point;

typedef struct tinysim_debug {
    uc_engine *uc;
    tinysim_state *state;
    point breaks[MAX_POINTS];
    int break_count;
    point watches[MAX_POINTS];
    int watch_count;
    uc_hook step_hook;
    int stepping;
    uint32_t step_seen;
    uc_hook insn_hook; /* per-instruction stop point while watchpoints exist */
    int insn_installed;
    uint32_t resume_pc;      /* a stop inside a charged block: skip the hook of the block resumed here */
    uint32_t skip_break_pc;  /* resuming on a breakpoint: do not stop on it before it executes */
    int32_t stop_cause;      /* TS_DEBUG_* */
    uint32_t watch_address;
    int32_t watch_kind;
    int32_t watch_pending;
} tinysim_debug;

static void invalidate(tinysim_debug *d, uint64_t begin, uint64_t end) {
    uc_ctl(d->uc, UC_CTL_TB_REMOVE_CACHE_WRITE, begin, end);
}

/* Every region code can run from on the STM32F746 (ITCM RAM, flash over ITCM and AXIM, SRAM). */
static void flush(tinysim_debug *d) {
    invalidate(d, 0x00000000u, 0x00004000u);
    invalidate(d, 0x00200000u, 0x00300000u);
    invalidate(d, 0x08000000u, 0x08100000u);
    invalidate(d, 0x20000000u, 0x20050000u);
}

static void stop_here(tinysim_debug *d, uint32_t address, int cause) {
    d->stop_cause = cause;
    d->resume_pc = address;
    d->state->stop_reason = TS_STOP_DEBUG;
    uc_emu_stop(d->uc);
}

static void on_break(uc_engine *uc, uint64_t address, uint32_t size, void *user) {
    (void)uc; (void)size;
    tinysim_debug *d = user;
    if (d->skip_break_pc == (uint32_t)address) {
        d->skip_break_pc = 0;
        return;
    }
    stop_here(d, (uint32_t)address, TS_DEBUG_BREAK);
}

static void on_step(uc_engine *uc, uint64_t address, uint32_t size, void *user) {
    (void)uc; (void)size;
    tinysim_debug *d = user;
    if (++d->step_seen >= 2) stop_here(d, (uint32_t)address, TS_DEBUG_STEP);
}

/* Runs before every instruction while watchpoints exist: the access flagged by on_watch has
 * completed, so this is the first point where the stop shows its effect. */
static void on_insn(uc_engine *uc, uint64_t address, uint32_t size, void *user) {
    (void)uc; (void)size;
    tinysim_debug *d = user;
    if (d->watch_pending) stop_here(d, (uint32_t)address, TS_DEBUG_WATCH);
}

static void on_watch(uc_engine *uc, int type, uint64_t address, int size, int64_t value, void *user) {
    (void)uc; (void)value;
    tinysim_debug *d = user;
    int kind = type == UC_MEM_WRITE ? 1 : 2;
    uint32_t lo = (uint32_t)address, hi = (uint32_t)address + (uint32_t)size;
    for (int i = 0; i < d->watch_count; i++) {
        point *w = &d->watches[i];
        if ((w->kind & kind) && lo < w->address + w->length && w->address < hi && !d->watch_pending) {
            d->watch_pending = 1;
            d->watch_kind = w->kind;
            d->watch_address = lo > w->address ? lo : w->address;
        }
    }
}

tinysim_debug *tinysim_debug_open(uc_engine *uc, void *hook_handle, tinysim_state *state) {
    tinysim_debug *d = calloc(1, sizeof(tinysim_debug));
    if (!d) return NULL;
    d->uc = uc;
    d->state = state;
    tinysim_hook_set_debug(hook_handle, d);
    return d;
}

void tinysim_debug_close(void *hook_handle, tinysim_debug *d) {
    if (!d) return;
    for (int i = 0; i < d->break_count; i++) uc_hook_del(d->uc, d->breaks[i].hook);
    for (int i = 0; i < d->watch_count; i++) uc_hook_del(d->uc, d->watches[i].hook);
    if (d->stepping) uc_hook_del(d->uc, d->step_hook);
    if (d->insn_installed) uc_hook_del(d->uc, d->insn_hook);
    tinysim_hook_set_debug(hook_handle, NULL);
    flush(d);
    free(d);
}

/* Called by the block hook first: returns 1 when the block is the resumption of a charged one. */
int tinysim_debug_on_block(tinysim_debug *d, uint32_t address, uint32_t size) {
    if (d->skip_break_pc && (d->skip_break_pc < address || d->skip_break_pc >= address + size)) {
        d->skip_break_pc = 0;
    }
    uint32_t resume = d->resume_pc;
    d->resume_pc = 0;
    return resume != 0 && resume == address;
}

int tinysim_debug_add_break(tinysim_debug *d, uint32_t address) {
    for (int i = 0; i < d->break_count; i++) {
        if (d->breaks[i].address == address) return 0;
    }
    if (d->break_count == MAX_POINTS) return -1;
    point *b = &d->breaks[d->break_count];
    int err = uc_hook_add(d->uc, &b->hook, UC_HOOK_CODE, (void *)on_break, d, address, address);
    if (err) return err;
    b->address = address;
    d->break_count++;
    invalidate(d, address, (uint64_t)address + 2);
    return 0;
}

int tinysim_debug_remove_break(tinysim_debug *d, uint32_t address) {
    for (int i = 0; i < d->break_count; i++) {
        if (d->breaks[i].address == address) {
            uc_hook_del(d->uc, d->breaks[i].hook);
            d->breaks[i] = d->breaks[--d->break_count];
            invalidate(d, address, (uint64_t)address + 2);
            return 0;
        }
    }
    return -1;
}

int tinysim_debug_add_watch(tinysim_debug *d, uint32_t address, uint32_t length, int kind) {
    if (d->watch_count == MAX_POINTS || length == 0 || kind < 1 || kind > 3) return -1;
    point *w = &d->watches[d->watch_count];
    int types = (kind & 1 ? UC_HOOK_MEM_WRITE : 0) | (kind & 2 ? UC_HOOK_MEM_READ : 0);
    uint64_t begin = address >= WIDEST_ACCESS ? address - (WIDEST_ACCESS - 1) : 0;
    int err = uc_hook_add(d->uc, &w->hook, types, (void *)on_watch, d, begin, (uint64_t)address + length - 1);
    if (err) return err;
    if (!d->insn_installed) {
        err = uc_hook_add(d->uc, &d->insn_hook, UC_HOOK_CODE, (void *)on_insn, d, 1, 0);
        if (err) { uc_hook_del(d->uc, w->hook); return err; }
        d->insn_installed = 1;
    }
    w->address = address;
    w->length = length;
    w->kind = kind;
    d->watch_count++;
    flush(d);
    return 0;
}

int tinysim_debug_remove_watch(tinysim_debug *d, uint32_t address, uint32_t length, int kind) {
    for (int i = 0; i < d->watch_count; i++) {
        point *w = &d->watches[i];
        if (w->address == address && w->length == length && w->kind == kind) {
            uc_hook_del(d->uc, w->hook);
            d->watches[i] = d->watches[--d->watch_count];
            if (d->watch_count == 0 && d->insn_installed) {
                uc_hook_del(d->uc, d->insn_hook);
                d->insn_installed = 0;
            }
            flush(d);
            return 0;
        }
    }
    return -1;
}

/* Before resuming at pc: step one instruction or run; a breakpoint at pc does not stop it again. */
int tinysim_debug_prepare_resume(tinysim_debug *d, uint32_t pc, int step) {
    d->stop_cause = TS_DEBUG_NONE;
    d->watch_pending = 0;
    d->skip_break_pc = 0;
    for (int i = 0; i < d->break_count; i++) {
        if (d->breaks[i].address == pc) d->skip_break_pc = pc;
    }
    if (d->resume_pc != pc) d->resume_pc = 0;
    if (step && !d->stepping) {
        int err = uc_hook_add(d->uc, &d->step_hook, UC_HOOK_CODE, (void *)on_step, d, 1, 0);
        if (err) return err;
        d->stepping = 1;
        flush(d);
    } else if (!step && d->stepping) {
        uc_hook_del(d->uc, d->step_hook);
        d->stepping = 0;
        flush(d);
    }
    d->step_seen = 0;
    return 0;
}

/* Forgets the stop inside a charged block (the host moved the PC, e.g. into an exception handler). */
void tinysim_debug_forget_stop(tinysim_debug *d) {
    d->resume_pc = 0;
}

int tinysim_debug_stop_cause(tinysim_debug *d) { return d->stop_cause; }
uint32_t tinysim_debug_watch_address(tinysim_debug *d) { return d->watch_address; }
int tinysim_debug_watch_kind(tinysim_debug *d) { return d->watch_kind; }
int tinysim_debug_watch_pending(tinysim_debug *d) { return d->watch_pending; }
