/*
 * Minimal newlib system calls so printf & co work with --specs=nano.specs.
 * stdout/stderr go to semihosting; there are no files and no stdin.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include "semihosting.h"

#undef errno
extern int errno;

extern uint8_t __heap_start[];
extern uint8_t __heap_end[];

int _write(int fd, const char *buf, int len)
{
    if (fd != 1 && fd != 2) {
        errno = EBADF;
        return -1;
    }
    int not_written = tinysim_sh_write(fd == 1 ? SH_STDOUT : SH_STDERR, buf, (size_t)len);
    return len - not_written;
}

int _read(int fd, char *buf, int len)
{
    (void)fd; (void)buf; (void)len;
    return 0;   /* EOF: there is no stdin */
}

void _exit(int status)
{
    tinysim_sh_exit(status);
}

/* Bounded by the linker's heap region (empty unless __heap_size is set). */
void *_sbrk(intptr_t incr)
{
    static uint8_t *brk = __heap_start;
    if (incr > __heap_end - brk || incr < __heap_start - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    uint8_t *prev = brk;
    brk += incr;
    return prev;
}

int _close(int fd)
{
    (void)fd;
    errno = EBADF;
    return -1;
}

int _fstat(int fd, struct stat *st)
{
    (void)fd;
    st->st_mode = S_IFCHR;   /* a terminal: line-buffered stdio */
    return 0;
}

int _isatty(int fd)
{
    return fd >= 0 && fd <= 2;
}

int _lseek(int fd, int off, int whence)
{
    (void)fd; (void)off; (void)whence;
    errno = ESPIPE;
    return -1;
}

int _kill(int pid, int sig)
{
    (void)pid; (void)sig;
    errno = EINVAL;
    return -1;
}

int _getpid(void)
{
    return 1;
}
