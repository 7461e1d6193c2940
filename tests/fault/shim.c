/*
 * shim.c - fault injection for the command line (LD_PRELOAD), in the
 * spirit of SQLite's OOM and I/O-error tests.
 *
 *   VMUX_FAULT=KIND:N[:SIG]  KIND is alloc (malloc, calloc, realloc), write
 *       (opening for writing, mkstemp/mkdtemp/mkdir, every stdio or raw
 *       write, fflush, fclose of a written stream, fsync, rename) or read
 *       (opening for reading, opendir, every stdio or raw read, mmap of a
 *       file). The N-th such call after main() starts fails as the system
 *       would make it fail (NULL/ENOMEM, ENOSPC or EACCES with the
 *       stream's error flag set, EIO); only that one (later calls succeed).
 *       With SIG, that call raises signal SIG instead and then proceeds.
 *       KIND commit counts renames only (the moment a temporary output is
 *       whole): commit:1:15 sends SIGTERM just before the first commit.
 *   VMUX_FAULT_NO_TMPFILE=1  every open with O_TMPFILE fails with
 *       EOPNOTSUPP, as on a file system without it (not counted).
 *   VMUX_FAULT_COUNT=FILE    at exit, write "alloc A write W read R commit C"
 * (the calls made) to FILE, so a driver knows how many points there are.
 *
 * Calls on stderr are never counted nor failed: the message saying what
 * went wrong must get out. The real functions are found with
 * dlsym(RTLD_NEXT) (under ASan, loaded after the shim, ASan's own
 * interceptors); allocations made while dlsym itself runs come from a
 * static pool, and the real functions are not looked up again meanwhile
 * (dlsym frees its last error message: free would call dlsym again).
 * vmux has threads (lib/pool, lib/filehash): one looks a function up at a
 * time, under a spin lock, and "meanwhile" is per thread, so that another
 * thread waits for the lookup instead of calling a function not yet
 * found; the counts are atomic.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* glibc libio flag (libio.h, not installed): a stream opened read-only. */
#ifndef _IO_NO_WRITES
#define _IO_NO_WRITES 0x0008
#endif

enum kind { K_ALLOC, K_WRITE, K_READ, K_COMMIT, K_N };
static const char *const kind_names[K_N] = {"alloc", "write", "read", "commit"};

static int armed;
static unsigned long calls[K_N];
static int fault_kind = -1;
static unsigned long fault_at;
static int fault_sig;
static int no_tmpfile;

/* Count a call of KIND; 1 if it is to fail. */
static int hit(enum kind k)
{
	if (!armed)
		return 0;
	if (__atomic_add_fetch(&calls[k], 1, __ATOMIC_RELAXED) != fault_at ||
	    (int)k != fault_kind)
		return 0;
	if (fault_sig) {
		raise(fault_sig);
		return 0;
	}
	return 1;
}

/* Pool for allocations made before the real allocator is known. */
static char pool[65536] __attribute__((aligned(16)));
static size_t pool_used;
/* This thread is in dlsym (which may re-enter); initial-exec: reading it
 * allocates nothing. */
static __thread int resolving __attribute__((tls_model("initial-exec")));
/* A spin lock, not a pthread mutex: under ASan, lookups start before
 * ASan's own interceptor of pthread_mutex_lock is ready. */
static int resolve_lock;

static void *pool_alloc(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (pool_used + n > sizeof(pool))
		return NULL;
	p = pool + pool_used;
	pool_used += n;
	return p;
}

static int in_pool(const void *p)
{
	return (const char *)p >= pool && (const char *)p < pool + sizeof(pool);
}

/* *SLOT = the next definition of NAME, unless another thread found it. */
static void resolve(void **slot, const char *name)
{
	resolving++;
	while (__atomic_exchange_n(&resolve_lock, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
	if (!__atomic_load_n(slot, __ATOMIC_ACQUIRE))
		__atomic_store_n(slot, dlsym(RTLD_NEXT, name),
				 __ATOMIC_RELEASE);
	__atomic_store_n(&resolve_lock, 0, __ATOMIC_RELEASE);
	resolving--;
}

#define REAL(name)                                                             \
	static __typeof__(name) *real_##name;                                  \
	if (!__atomic_load_n((void **)&real_##name, __ATOMIC_ACQUIRE) &&       \
	    !resolving)                                                        \
		resolve((void **)&real_##name, #name);

void *malloc(size_t n)
{
	REAL(malloc);
	if (resolving || !real_malloc)
		return pool_alloc(n);
	if (hit(K_ALLOC)) {
		errno = ENOMEM;
		return NULL;
	}
	return real_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	REAL(calloc);
	if (resolving || !real_calloc)
		return pool_alloc(n * m); /* the pool is zeroed */
	if (hit(K_ALLOC)) {
		errno = ENOMEM;
		return NULL;
	}
	return real_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	REAL(realloc);
	if (in_pool(p)) {
		void *q = malloc(n);

		if (q)
			memcpy(q, p, n); /* pool blocks are never reused */
		return q;
	}
	if (hit(K_ALLOC)) {
		errno = ENOMEM;
		return NULL;
	}
	return real_realloc(p, n);
}

void free(void *p)
{
	REAL(free);
	if (!in_pool(p) && real_free)
		real_free(p);
}

/* Fail a stream call as a full disk or a bad sector would. */
static int fail_stream(FILE *fp, int err)
{
	if (fp)
		fp->_flags |= _IO_ERR_SEEN;
	errno = err;
	return EOF;
}

static int counted(FILE *fp)
{
	return fp != stderr;
}

#define WRITE_HOOK(name, proto, args, fpexpr, failret)                         \
	int name proto                                                         \
	{                                                                      \
		REAL(name);                                                    \
		if (counted(fpexpr) && hit(K_WRITE)) {                         \
			fail_stream(fpexpr, ENOSPC);                           \
			return failret;                                        \
		}                                                              \
		return real_##name args;                                       \
	}

WRITE_HOOK(fputs, (const char *s, FILE *fp), (s, fp), fp, EOF)
WRITE_HOOK(fputc, (int c, FILE *fp), (c, fp), fp, EOF)
WRITE_HOOK(putc, (int c, FILE *fp), (c, fp), fp, EOF)
WRITE_HOOK(puts, (const char *s), (s), stdout, EOF)
WRITE_HOOK(putchar, (int c), (c), stdout, EOF)
WRITE_HOOK(vfprintf, (FILE * fp, const char *f, va_list ap), (fp, f, ap), fp,
	   -1)
WRITE_HOOK(vprintf, (const char *f, va_list ap), (f, ap), stdout, -1)

/* Only a flush with something to write can fail. */
int fflush(FILE *fp)
{
	REAL(fflush);
	if (fp && counted(fp) && fp->_IO_write_ptr > fp->_IO_write_base &&
	    hit(K_WRITE))
		return fail_stream(fp, ENOSPC);
	return real_fflush(fp);
}

size_t fwrite(const void *p, size_t n, size_t m, FILE *fp)
{
	REAL(fwrite);
	if (counted(fp) && hit(K_WRITE)) {
		fail_stream(fp, ENOSPC);
		return 0;
	}
	return real_fwrite(p, n, m, fp);
}

int fprintf(FILE *fp, const char *f, ...)
{
	va_list ap;
	int rc;

	va_start(ap, f);
	rc = vfprintf(fp, f, ap);
	va_end(ap);
	return rc;
}

int printf(const char *f, ...)
{
	va_list ap;
	int rc;

	va_start(ap, f);
	rc = vprintf(f, ap);
	va_end(ap);
	return rc;
}

int fclose(FILE *fp)
{
	REAL(fclose);
	int writing = fp && !(fp->_flags & _IO_NO_WRITES);
	int rc;

	if (writing && counted(fp) && hit(K_WRITE)) {
		real_fclose(fp);
		errno = ENOSPC;
		return EOF;
	}
	rc = real_fclose(fp);
	return rc;
}

ssize_t write(int fd, const void *p, size_t n)
{
	REAL(write);
	if (fd != 2 && hit(K_WRITE)) {
		errno = ENOSPC;
		return -1;
	}
	return real_write(fd, p, n);
}

ssize_t pwrite(int fd, const void *p, size_t n, off_t off)
{
	REAL(pwrite);
	if (hit(K_WRITE)) {
		errno = ENOSPC;
		return -1;
	}
	return real_pwrite(fd, p, n, off);
}

#define SIMPLE_HOOK(ret, name, proto, args, kind, err, failret)                \
	ret name proto                                                         \
	{                                                                      \
		REAL(name);                                                    \
		if (hit(kind)) {                                               \
			errno = err;                                           \
			return failret;                                        \
		}                                                              \
		return real_##name args;                                       \
	}

SIMPLE_HOOK(int, fsync, (int fd), (fd), K_WRITE, EIO, -1)
SIMPLE_HOOK(int, fdatasync, (int fd), (fd), K_WRITE, EIO, -1)
/* A rename is also a commit point: the temporary output is whole. */
int rename(const char *a, const char *b)
{
	REAL(rename);
	if (hit(K_COMMIT) | hit(K_WRITE)) {
		errno = EIO;
		return -1;
	}
	return real_rename(a, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned int fl)
{
	REAL(renameat2);
	if (hit(K_COMMIT) | hit(K_WRITE)) {
		errno = EIO;
		return -1;
	}
	return real_renameat2(da, a, db, b, fl);
}
SIMPLE_HOOK(int, mkstemp, (char *t), (t), K_WRITE, EACCES, -1)
SIMPLE_HOOK(char *, mkdtemp, (char *t), (t), K_WRITE, EACCES, NULL)
SIMPLE_HOOK(int, mkdir, (const char *p, mode_t m), (p, m), K_WRITE, EACCES, -1)
SIMPLE_HOOK(DIR *, opendir, (const char *p), (p), K_READ, EACCES, NULL)
SIMPLE_HOOK(ssize_t, read, (int fd, void *p, size_t n), (fd, p, n), K_READ, EIO,
	    -1)
SIMPLE_HOOK(ssize_t, pread, (int fd, void *p, size_t n, off_t o), (fd, p, n, o),
	    K_READ, EIO, -1)

static enum kind open_kind(int flags)
{
	return (flags & O_ACCMODE) == O_RDONLY && !(flags & O_CREAT) ? K_READ
								     : K_WRITE;
}

/* Whether an open with FLAGS is the one to fail (errno set if so). */
static int open_fails(int flags)
{
	if (no_tmpfile && (flags & __O_TMPFILE) == __O_TMPFILE) {
		errno = EOPNOTSUPP;
		return 1;
	}
	if (!hit(open_kind(flags)))
		return 0;
	errno = EACCES;
	return 1;
}

#define OPEN_MODE(flags, last)                                                 \
	va_list ap;                                                            \
	mode_t mode = 0;                                                       \
	va_start(ap, last);                                                    \
	if ((flags) & (O_CREAT | __O_TMPFILE))                                 \
		mode = va_arg(ap, mode_t);                                     \
	va_end(ap)

int open(const char *p, int flags, ...)
{
	REAL(open);
	OPEN_MODE(flags, flags);
	return open_fails(flags) ? -1 : real_open(p, flags, mode);
}

int openat(int dir, const char *p, int flags, ...)
{
	REAL(openat);
	OPEN_MODE(flags, flags);
	return open_fails(flags) ? -1 : real_openat(dir, p, flags, mode);
}

FILE *fopen(const char *p, const char *mode)
{
	REAL(fopen);
	if (hit(mode[0] == 'r' && !strchr(mode, '+') ? K_READ : K_WRITE)) {
		errno = EACCES;
		return NULL;
	}
	return real_fopen(p, mode);
}

FILE *fdopen(int fd, const char *mode)
{
	REAL(fdopen);
	if (hit(K_ALLOC)) { /* fdopen fails only for want of memory */
		errno = ENOMEM;
		return NULL;
	}
	return real_fdopen(fd, mode);
}

#define READ_HOOK(ret, name, proto, args, fpexpr, failret)                     \
	ret name proto                                                         \
	{                                                                      \
		REAL(name);                                                    \
		if (hit(K_READ)) {                                             \
			fail_stream(fpexpr, EIO);                              \
			return failret;                                        \
		}                                                              \
		return real_##name args;                                       \
	}

READ_HOOK(size_t, fread, (void *p, size_t n, size_t m, FILE *fp), (p, n, m, fp),
	  fp, 0)
READ_HOOK(char *, fgets, (char *s, int n, FILE *fp), (s, n, fp), fp, NULL)
READ_HOOK(ssize_t, getline, (char **s, size_t *n, FILE *fp), (s, n, fp), fp, -1)
READ_HOOK(ssize_t, getdelim, (char **s, size_t *n, int d, FILE *fp),
	  (s, n, d, fp), fp, -1)
READ_HOOK(int, fgetc, (FILE * fp), (fp), fp, EOF)
READ_HOOK(int, getc, (FILE * fp), (fp), fp, EOF)

void *mmap(void *a, size_t n, int prot, int flags, int fd, off_t off)
{
	REAL(mmap);
	if (fd >= 0 && hit(K_READ)) {
		errno = EACCES;
		return MAP_FAILED;
	}
	return real_mmap(a, n, prot, flags, fd, off);
}

static char count_path[4096];

static void dump_counts(void)
{
	const char *path = count_path;
	char buf[128];
	int fd, n;

	armed = 0;
	if (!path[0])
		return;
	n = snprintf(
	    buf, sizeof(buf), "alloc %lu write %lu read %lu commit %lu\n",
	    calls[K_ALLOC], calls[K_WRITE], calls[K_READ], calls[K_COMMIT]);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, buf, (size_t)n) < 0)
			perror("faultshim");
		close(fd);
	}
}

static int (*real_main)(int, char **, char **);

/* main() with counting armed from its first line; counts dumped at exit. */
static int armed_main(int argc, char **argv, char **envp)
{
	const char *spec = getenv("VMUX_FAULT");
	char copy[64];

	if (spec) {
		snprintf(copy, sizeof(copy), "%s", spec);
		spec = copy;
		char name[16];

		if (sscanf(spec, "%15[a-z]:%lu:%d", name, &fault_at,
			   &fault_sig) < 2) {
			fprintf(stderr, "faultshim: bad VMUX_FAULT '%s'\n",
				spec);
			return 99;
		}
		for (int k = 0; k < K_N; k++)
			if (!strcmp(name, kind_names[k]))
				fault_kind = k;
	}
	no_tmpfile = getenv("VMUX_FAULT_NO_TMPFILE") != NULL;
	if (getenv("VMUX_FAULT_COUNT"))
		snprintf(count_path, sizeof(count_path), "%s",
			 getenv("VMUX_FAULT_COUNT"));
	/* Child processes (gnuplot) run without the shim. */
	unsetenv("LD_PRELOAD");
	unsetenv("VMUX_FAULT");
	unsetenv("VMUX_FAULT_COUNT");
	unsetenv("VMUX_FAULT_NO_TMPFILE");
	atexit(dump_counts);
	armed = 1;
	return real_main(argc, argv, envp);
}

int __libc_start_main(int (*m)(int, char **, char **), int argc, char **argv,
		      void (*init)(void), void (*fini)(void),
		      void (*rtld_fini)(void), void *stack_end);

int __libc_start_main(int (*m)(int, char **, char **), int argc, char **argv,
		      void (*init)(void), void (*fini)(void),
		      void (*rtld_fini)(void), void *stack_end)
{
	REAL(__libc_start_main);
	real_main = m;
	return real___libc_start_main(armed_main, argc, argv, init, fini,
				      rtld_fini, stack_end);
}
