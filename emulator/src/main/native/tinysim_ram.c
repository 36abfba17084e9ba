/* Fast guest stores to RAM on Debian's Unicorn 2.0.1.
 *
 * Why: Unicorn 2.0.1 stubs QEMU's dirty-memory bitmap (include/exec/ram_addr.h:
 * cpu_physical_memory_is_clean() is always true), so tlb_set_page_with_attrs marks every writable
 * RAM TLB entry TLB_NOTDIRTY and notdirty_write never clears it. Every guest store to SRAM then
 * leaves the inline fast path for store_helper -> notdirty_write -> page_collection_lock (a malloc
 * and a GTree) -> tb_invalidate_phys_page_fast, measured at several times the cost of the store.
 *
 * What: the CPU class's tlb_fill (cputlb.c tlb_fill calls CPU_GET_CLASS(cs)->tlb_fill) is wrapped;
 * after a fill, tlb_set_dirty drops TLB_NOTDIRTY from the page's entry unless the page may hold
 * translated code. Code is tracked here from the block hook (tinysim_ram_note_code) in 4 KB
 * regions, at least one target page (1 KB on M-profile), and a region that gets code has its TLB
 * entries flushed so the next fill keeps TLB_NOTDIRTY: stores there still invalidate translations,
 * exactly as before. Only exported Unicorn symbols are used; if any is missing or the class slot is
 * not where the checks find it, nothing is patched and stores take the stock path.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tinysim_hook.h"

/* QEMU 5 CPUClass.tlb_fill. */
typedef bool (*tlb_fill_fn)(void *cs, uint64_t address, int size, int access_type, int mmu_idx,
                            bool probe, uintptr_t retaddr);
typedef void *(*get_cpu_fn)(void *uc, int index);
typedef void (*page_fn)(void *cs, uint32_t vaddr);
typedef void (*flush_fn)(void *cs);

#define REGION_SHIFT 12
#define REGIONS (1u << (32 - REGION_SHIFT))
#define MIN_PAGE 1024u
/* Where the CPU class pointer is looked for: the CPUState prefix (QEMU 5 keeps cc near its end,
 * after the 32 KB jump cache) and the class, which Unicorn embeds in the ARMCPU allocation. */
#define STATE_SCAN_BYTES 0x10000u
#define CLASS_SCAN_SLOTS 64u
#define CLASS_MAX_DISTANCE 0x100000u

struct tinysim_ram {
    void *cs;
    tlb_fill_fn *slot;         /* the class's tlb_fill slot, patched while attached */
    int enabled;
    uint64_t code_bits[REGIONS / 64];
};

static struct {
    tlb_fill_fn fill;
    get_cpu_fn get_cpu;
    page_fn set_dirty;
    page_fn flush_page;
    flush_fn flush_all;
} lib;

int uc_emu_stop(void *uc);
int uc_reg_read(void *uc, int regid, void *value);
#define UC_ARM_REG_PC 11

/* The internal symbols, from the library that holds uc_emu_stop (JNA may load it RTLD_LOCAL). */
static void resolve_once(void) {
    Dl_info info;
    const char *name = "libunicorn.so.2";
    if (dladdr((void *)uc_emu_stop, &info) && info.dli_fname) name = info.dli_fname;
    void *h = dlopen(name, RTLD_LAZY | RTLD_NOLOAD);
    if (!h) return;
    lib.get_cpu = (get_cpu_fn)dlsym(h, "qemu_get_cpu_arm");
    lib.set_dirty = (page_fn)dlsym(h, "tlb_set_dirty_arm");
    lib.flush_page = (page_fn)dlsym(h, "tlb_flush_page_arm");
    lib.flush_all = (flush_fn)dlsym(h, "tlb_flush_arm");
    if (lib.get_cpu && lib.set_dirty && lib.flush_page && lib.flush_all) {
        lib.fill = (tlb_fill_fn)dlsym(h, "arm_cpu_tlb_fill_arm");
    }
    dlclose(h); /* NOLOAD: only drops the reference just taken */
}

#define MAX_ENGINES 64
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static tinysim_ram *registry[MAX_ENGINES];

static int resolve(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, resolve_once);
    return lib.fill != NULL;
}

/* Copies n bytes from src, failing instead of crashing on an unmapped address. */
static int safe_read(void *dst, const void *src, size_t n) {
    struct iovec local = {dst, n};
    struct iovec remote = {(void *)src, n};
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)n;
}

/* The tlb_fill slot of cs's class: a pointer in cs to near cs whose target holds the stock fill. */
static tlb_fill_fn *find_slot(void *cs) {
    static uintptr_t words[STATE_SCAN_BYTES / sizeof(uintptr_t)];
    static pthread_mutex_t scan_lock = PTHREAD_MUTEX_INITIALIZER;
    tlb_fill_fn *found = NULL;
    pthread_mutex_lock(&scan_lock);
    if (safe_read(words, cs, sizeof words)) {
        for (size_t i = 0; i < sizeof words / sizeof words[0] && !found; i++) {
            uintptr_t p = words[i];
            if (p <= (uintptr_t)cs || p - (uintptr_t)cs > CLASS_MAX_DISTANCE || (p & 7)) continue;
            uintptr_t slots[CLASS_SCAN_SLOTS];
            if (!safe_read(slots, (void *)p, sizeof slots)) continue;
            for (size_t k = 0; k < CLASS_SCAN_SLOTS; k++) {
                if (slots[k] == (uintptr_t)lib.fill) {
                    found = (tlb_fill_fn *)(p + k * sizeof(uintptr_t));
                    break;
                }
            }
        }
    }
    pthread_mutex_unlock(&scan_lock);
    return found;
}

static int is_code(const tinysim_ram *r, uint32_t address) {
    uint32_t region = address >> REGION_SHIFT;
    return (r->code_bits[region / 64] >> (region % 64)) & 1;
}

static bool fill_keeping_ram_dirty(void *cs, uint64_t address, int size, int access_type,
                                   int mmu_idx, bool probe, uintptr_t retaddr) {
    bool ok = lib.fill(cs, address, size, access_type, mmu_idx, probe, retaddr);
    if (!ok) return ok;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < MAX_ENGINES; i++) {
        tinysim_ram *r = registry[i];
        if (r && r->cs == cs) {
            /* Only an entry that is exactly "page | TLB_NOTDIRTY" changes: device pages, watchpoints
             * and sub-page MPU regions keep their slow path. */
            if (r->enabled && !is_code(r, (uint32_t)address)) {
                lib.set_dirty(cs, (uint32_t)address);
            }
            break;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return ok;
}

tinysim_ram *tinysim_ram_attach(void *uc) {
    if (!resolve()) return NULL;
    uint32_t pc;
    if (uc_reg_read(uc, UC_ARM_REG_PC, &pc) != 0) return NULL; /* Unicorn creates the CPU lazily */
    /* Unicorn never registers the CPU in QEMU's list, so it keeps UNASSIGNED_CPU_INDEX (-1). */
    void *cs = lib.get_cpu(uc, -1);
    if (!cs) cs = lib.get_cpu(uc, 0);
    if (!cs) return NULL;
    tlb_fill_fn *slot = find_slot(cs);
    if (!slot) return NULL;
    tinysim_ram *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->cs = cs;
    r->slot = slot;
    r->enabled = 1;
    pthread_mutex_lock(&registry_lock);
    /* An entry for this CPU address belongs to an engine closed without detaching: drop it. */
    for (int i = 0; i < MAX_ENGINES; i++) {
        if (registry[i] && registry[i]->cs == cs) registry[i] = NULL;
    }
    int placed = 0;
    for (int i = 0; i < MAX_ENGINES && !placed; i++) {
        if (!registry[i]) { registry[i] = r; placed = 1; }
    }
    pthread_mutex_unlock(&registry_lock);
    if (!placed) { free(r); return NULL; }
    *slot = fill_keeping_ram_dirty;
    lib.flush_all(cs); /* entries filled before the wrapper still carry TLB_NOTDIRTY */
    return r;
}

void tinysim_ram_detach(tinysim_ram *r) {
    if (!r) return;
    *r->slot = lib.fill;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < MAX_ENGINES; i++) {
        if (registry[i] == r) registry[i] = NULL;
    }
    pthread_mutex_unlock(&registry_lock);
    free(r);
}

void tinysim_ram_set_enabled(tinysim_ram *r, int enabled) {
    pthread_mutex_lock(&registry_lock);
    r->enabled = enabled;
    pthread_mutex_unlock(&registry_lock);
    lib.flush_all(r->cs); /* refill every entry under the new rule */
}

int tinysim_ram_enabled(const tinysim_ram *r) {
    return r && r->enabled;
}

void tinysim_ram_note_code(tinysim_ram *r, uint32_t address, uint32_t size) {
    uint32_t last = (address + (size ? size - 1 : 0)) >> REGION_SHIFT;
    for (uint32_t region = address >> REGION_SHIFT; region <= last; region++) {
        uint64_t bit = 1ULL << (region % 64);
        if (r->code_bits[region / 64] & bit) continue;
        pthread_mutex_lock(&registry_lock);
        r->code_bits[region / 64] |= bit;
        pthread_mutex_unlock(&registry_lock);
        uint32_t base = region << REGION_SHIFT;
        for (uint32_t page = 0; page < (1u << REGION_SHIFT); page += MIN_PAGE) {
            lib.flush_page(r->cs, base + page);
        }
    }
}
