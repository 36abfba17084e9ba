/*
 * Standard Arm semihosting (bkpt 0xAB) as used by tinysim, QEMU and debug
 * probes. Handles 1 and 2 are taken as pre-opened stdout/stderr (tinysim);
 * if the host writes nothing to them, console output falls back to
 * SYS_WRITE0 (QEMU, probes without pre-opened handles).
 */
#ifndef TINYSIM_SEMIHOSTING_H
#define TINYSIM_SEMIHOSTING_H

#include <stddef.h>
#include <stdint.h>

#define SH_SYS_WRITEC        0x03
#define SH_SYS_WRITE0        0x04
#define SH_SYS_WRITE         0x05
#define SH_SYS_CLOCK         0x10
#define SH_SYS_TIME          0x11
#define SH_SYS_EXIT          0x18
#define SH_SYS_EXIT_EXTENDED 0x20
#define SH_ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define SH_ADP_STOPPED_RUNTIME_ERROR    0x20023u

#define SH_STDOUT 1
#define SH_STDERR 2

/* Raw call: r0 = op, r1 = arg; returns the host's r0. */
int tinysim_sh_call(int op, void *arg);

void tinysim_sh_write0(const char *s);
void tinysim_sh_writec(char c);
/* Returns the number of bytes NOT written (0 on success), as the host does.
 * Handles 1/2 fall back to SYS_WRITE0 if the host rejects the whole write. */
int tinysim_sh_write(int handle, const void *buf, size_t len);
/* Centiseconds since the program started (SYS_CLOCK), -1 if unsupported. */
int tinysim_sh_clock(void);
/* Seconds since the epoch (SYS_TIME). */
int tinysim_sh_time(void);
void tinysim_sh_exit(int status) __attribute__((noreturn));

/* printf-free formatting helpers, safe in fault handlers. */
void tinysim_sh_put_hex(uint32_t v);               /* "0x%08X" */
void tinysim_sh_put_dec(int32_t v);                /* "%d" */
void tinysim_sh_put_udec(uint32_t v);              /* "%u" */
/* Writes "<name> 0xXXXXXXXX\n". */
void tinysim_sh_put_named_hex(const char *name, uint32_t v);

#endif
