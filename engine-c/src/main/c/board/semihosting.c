/* Semihosting calls; see semihosting.h. No libc use, so fault handlers may call it. */
#include "semihosting.h"

int tinysim_sh_call(int op, void *arg)
{
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    /* "memory": the host reads/writes the blocks r1 points to. */
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void tinysim_sh_write0(const char *s)
{
    tinysim_sh_call(SH_SYS_WRITE0, (void *)s);
}

void tinysim_sh_writec(char c)
{
    tinysim_sh_call(SH_SYS_WRITEC, &c);
}

/* Set once the host has shown it has no pre-opened handles 1/2 (QEMU, some
 * probes): from then on console output goes through SYS_WRITE0. */
static int write0_fallback;

/* SYS_WRITE0 needs a NUL-terminated string: send buf in terminated chunks. */
static void write_via_write0(const char *buf, size_t len)
{
    char chunk[64];
    while (len > 0) {
        size_t n = len < sizeof chunk - 1 ? len : sizeof chunk - 1;
        for (size_t i = 0; i < n; i++) {
            chunk[i] = buf[i];
        }
        chunk[n] = '\0';
        tinysim_sh_write0(chunk);
        buf += n;
        len -= n;
    }
}

int tinysim_sh_write(int handle, const void *buf, size_t len)
{
    int console = handle == SH_STDOUT || handle == SH_STDERR;
    if (console && write0_fallback) {
        write_via_write0(buf, len);
        return 0;
    }
    uint32_t block[3] = { (uint32_t)handle, (uint32_t)(uintptr_t)buf, (uint32_t)len };
    int not_written = tinysim_sh_call(SH_SYS_WRITE, block);
    if (console && len > 0 && (size_t)not_written == len) {
        write0_fallback = 1;
        write_via_write0(buf, len);
        return 0;
    }
    return not_written;
}

int tinysim_sh_clock(void)
{
    return tinysim_sh_call(SH_SYS_CLOCK, 0);
}

int tinysim_sh_time(void)
{
    return tinysim_sh_call(SH_SYS_TIME, 0);
}

void tinysim_sh_exit(int status)
{
    uint32_t block[2] = { SH_ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };
    tinysim_sh_call(SH_SYS_EXIT_EXTENDED, block);
    /* Host without SYS_EXIT_EXTENDED: plain SYS_EXIT can only say ok / not ok. */
    tinysim_sh_call(SH_SYS_EXIT, (void *)(uintptr_t)(status == 0
        ? SH_ADP_STOPPED_APPLICATION_EXIT : SH_ADP_STOPPED_RUNTIME_ERROR));
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* Formats "0xXXXXXXXX" into out[10] (no terminator). */
static void format_hex(char *out, uint32_t v)
{
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 8; i++) {
        uint32_t nib = (v >> (28 - 4 * i)) & 0xFu;
        out[2 + i] = (char)(nib < 10 ? '0' + nib : 'A' + nib - 10);
    }
}

void tinysim_sh_put_hex(uint32_t v)
{
    char buf[11];
    format_hex(buf, v);
    buf[10] = '\0';
    tinysim_sh_write0(buf);
}

void tinysim_sh_put_udec(uint32_t v)
{
    char buf[11];
    int i = 10;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    tinysim_sh_write0(&buf[i]);
}

void tinysim_sh_put_dec(int32_t v)
{
    if (v < 0) {
        tinysim_sh_writec('-');
        tinysim_sh_put_udec(0u - (uint32_t)v);
    } else {
        tinysim_sh_put_udec((uint32_t)v);
    }
}

void tinysim_sh_put_named_hex(const char *name, uint32_t v)
{
    /* Two host calls per line instead of one per character. */
    char buf[13];
    buf[0] = ' ';
    format_hex(&buf[1], v);
    buf[11] = '\n';
    buf[12] = '\0';
    tinysim_sh_write0(name);
    tinysim_sh_write0(buf);
}
