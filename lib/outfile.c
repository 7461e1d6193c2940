/*
 * outfile.c - outputs that appear whole or not at all, without harming what
 * PATH already is.
 *
 * A regular file (or a name that does not exist yet) is written to
 * "TARGET.tmp.XXXXXX" in TARGET's folder and renamed over TARGET on commit;
 * rename is atomic within one file system, hence the same folder. TARGET is
 * PATH with every symbolic link followed, so a link keeps pointing where it
 * did and its target is the file replaced. A character device, FIFO or
 * socket is never replaced, since renaming over /dev/null as root would
 * destroy the node for every other program: a FIFO (and standard output,
 * "-") is opened at once but written through a spool, an anonymous file
 * in $TMPDIR (else /tmp) copied to it on commit and dropped on abort, so
 * the program reading the pipe gets the whole output or nothing; a
 * character device is written in place (as a shell's '>' would). A block
 * device or a folder is refused.
 */
#include "lib/outfile.h"
#include "lib/cleanup.h"
#include "lib/error.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outfile {
	FILE *fp;
	char *path;	   /* name as given, for messages; NULL for stdout */
	char *target;	   /* file renamed over; NULL when written in place */
	char *tmp;	   /* temporary name; NULL when written in place */
	int signal_id;	   /* its lib/cleanup entry, -1 if none */
	int fd;		   /* under fp: the file, device or spool written */
	int dest;	   /* a spool's destination (stdout, a FIFO); else -1 */
	int werr;	   /* errno of the first failed write, 0 if none */
	bool spool_failed; /* werr is the spool's, not the destination's */
};

/* Write all N bytes of BUF to FD: 0, or -errno (-EIO for a 0-byte write). */
static int write_all(int fd, const char *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		done += (size_t)w;
	}
	return 0;
}

/*
 * The stream's writes, through a cookie so that the first failure's errno
 * is kept: stdio only sets its error flag, and by the final flush errno
 * says nothing (a file past `ulimit -f` was reported as "Input/output
 * error", not "File too large"). Returns the bytes written, 0 on error.
 */
static ssize_t cookie_write(void *cookie, const char *buf, size_t n)
{
	struct outfile *of = cookie;
	int rc = write_all(of->fd, buf, n);

	if (rc < 0) {
		of->werr = of->werr ? of->werr : -rc;
		return 0;
	}
	return (ssize_t)n;
}

static int cookie_close(void *cookie)
{
	struct outfile *of = cookie;
	int rc = close(of->fd);

	of->fd = -1;
	return rc;
}

/* OF's stream over FD (NULL with errno set; FD is then still open). */
static FILE *stream_of(struct outfile *of, int fd)
{
	cookie_io_functions_t io = {.write = cookie_write,
				    .close = cookie_close};

	of->fd = fd;
	return fopencookie(of, "w", io);
}

/* -errno of OF's failed write: the first write's own, else errno's. */
static int write_error(const struct outfile *of)
{
	return -(of->werr ? of->werr : errno ? errno : EIO);
}

/* Follow symlinks from PATH to the name of the file they lead to (which
 * need not exist). Returns a malloc'd string or NULL with errno set. */
static char *resolve_links(const char *path)
{
	char *cur = strdup(path), *next;
	char buf[PATH_MAX];
	struct stat st;
	int hops;

	for (hops = 0; cur && hops < 40; hops++) {
		ssize_t n;

		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			return cur; /* missing (to be created) or not a link */
		n = readlink(cur, buf, sizeof(buf) - 1);
		if (n < 0)
			break;
		buf[n] = '\0';
		if (buf[0] == '/') {
			next = strdup(buf);
		} else {
			/* Relative to the folder holding the link. */
			const char *slash = strrchr(cur, '/');
			int dlen = slash ? (int)(slash - cur) + 1 : 0;

			if (asprintf(&next, "%.*s%s", dlen, cur, buf) < 0)
				next = NULL;
		}
		free(cur);
		cur = next;
	}
	if (cur && hops >= 40)
		errno = ELOOP;
	free(cur);
	return NULL;
}

/* OF's name in messages. */
static const char *name_of(const struct outfile *of)
{
	return of->path ? of->path : "standard output";
}

/* The folder spools are made in: $TMPDIR, else /tmp. */
static const char *spool_folder(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

/* Say that OF could not be written (RC = -errno), naming its spool when
 * that is what failed (a full /tmp is not a full pipe). */
static void say_failed(const struct outfile *of, int rc)
{
	if (of->spool_failed)
		error_msg("cannot write '%s': its spool file in '%s': %s",
			  name_of(of), spool_folder(), strerror(-rc));
	else
		error_msg("cannot write '%s': %s", name_of(of), strerror(-rc));
}

/* The unnamed file (see outfile.h): O_TMPFILE, or where the file system
 * lacks it a mkstemp name unlinked at once (caught signals held
 * meanwhile), so that nothing is left even after SIGKILL. */
int outfile_unnamed(const char *dir)
{
	char *name;
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0)
		return fd;
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -errno;
	if (asprintf(&name, "%s/vmux-spool.XXXXXX", dir) < 0)
		return -ENOMEM;
	cleanup_hold();
	fd = mkostemp(name, O_CLOEXEC);
	if (fd >= 0)
		unlink(name);
	else
		fd = -errno;
	cleanup_release();
	free(name);
	return fd;
}

/* Write OF through a spool copied to DEST (standard output or an open
 * FIFO) on commit. */
static int open_spool(struct outfile *of, int dest)
{
	int fd = outfile_unnamed(spool_folder());

	if (fd < 0) {
		of->spool_failed = true;
		say_failed(of, fd);
		return fd;
	}
	of->fp = stream_of(of, fd);
	if (!of->fp) {
		int e = errno;

		close(fd);
		error_msg("cannot write '%s': %s", name_of(of), strerror(e));
		return -e;
	}
	of->dest = dest;
	return 0;
}

/* Can a spool for NAME be made (as far as can be told)? 0, or -errno
 * with a message. */
static int spool_check(const char *name)
{
	const char *dir = spool_folder();
	int rc;

	if (access(dir, W_OK | X_OK) == 0)
		return 0;
	rc = -errno;
	error_msg("cannot write '%s': its spool file in '%s': %s", name, dir,
		  strerror(-rc));
	return rc;
}

/* Standard output: in place if a character device (a terminal,
 * /dev/null), else spooled. */
static int open_stdout(struct outfile *of)
{
	struct stat st;

	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISCHR(st.st_mode)) {
		of->fp = stdout;
		return 0;
	}
	return open_spool(of, STDOUT_FILENO);
}

/* Open a character device (written in place) or FIFO (spooled). */
static int open_in_place(struct outfile *of, const char *path)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	int rc;

	if (fd < 0) {
		int e = errno == ENXIO ? EIO : errno; /* ENXIO: a socket */

		error_msg("cannot write '%s': %s", path, strerror(errno));
		return -e;
	}
	if (fstat(fd, &st) == 0 && !S_ISCHR(st.st_mode)) {
		rc = open_spool(of, fd);
		if (rc < 0)
			close(fd);
		return rc;
	}
	of->fp = stream_of(of, fd);
	if (!of->fp) {
		int e = errno;

		close(fd);
		error_msg("cannot write '%s': %s", path, strerror(e));
		return -e;
	}
	return 0;
}

/* Give FD the mode TARGET has, or that a new file would get under the
 * umask (mkstemp makes 0600). */
static void take_mode(const char *target, int fd)
{
	struct stat st;
	mode_t mask = umask(0);

	umask(mask);
	fchmod(fd, stat(target, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask);
}

/* The temporary file FD could not be set up (errno E): close and remove
 * it, and say that PATH cannot be written. */
static int drop_temp(const struct outfile *of, int fd, const char *path, int e)
{
	close(fd);
	unlink(of->tmp);
	error_msg("cannot write '%s': %s", path, strerror(e));
	return -e;
}

/* Create the temporary file beside of->target, with the mode the target
 * has (or that a new file would get under the umask). */
static int open_temp(struct outfile *of, const char *path)
{
	int fd;

	if (asprintf(&of->tmp, "%s.tmp.XXXXXX", of->target) < 0) {
		of->tmp = NULL;
		return -ENOMEM;
	}
	cleanup_hold(); /* no signal between creating and registering */
	fd = mkstemp(of->tmp);
	if (fd < 0) {
		int e = errno;

		cleanup_release();
		error_msg("cannot create '%s': %s", path, strerror(e));
		free(of->tmp);
		of->tmp = NULL;
		return -e;
	}
	of->signal_id = cleanup_add_file(of->tmp);
	cleanup_release();
	if (of->signal_id < 0)
		return drop_temp(of, fd, path, -of->signal_id);
	take_mode(of->target, fd);
	of->fp = stream_of(of, fd);
	return of->fp ? 0 : drop_temp(of, fd, path, errno);
}

static void outfile_free(struct outfile *of)
{
	cleanup_remove(of->signal_id); /* after the rename or unlink */
	if (of->dest >= 0 && of->path)
		close(of->dest); /* a FIFO's; standard output stays open */
	free(of->tmp);
	free(of->target);
	free(of->path);
	free(of);
}

/* How TARGET (PATH with its links followed) is written: in place (*IN_PLACE:
 * a character device, FIFO or socket) or through a temporary file (a
 * regular file, or nothing yet); a folder or anything else is refused with
 * a message naming PATH. */
static int classify(const char *path, const char *target, bool *in_place)
{
	struct stat st;

	*in_place = false;
	if (stat(target, &st) != 0)
		return 0;
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) ||
	    S_ISSOCK(st.st_mode)) {
		*in_place = true;
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		error_msg("cannot write '%s': it is a folder", path);
		return -EISDIR;
	}
	if (!S_ISREG(st.st_mode)) {
		error_msg("cannot write '%s': not a regular file, character "
			  "device or FIFO; refusing to replace it",
			  path);
		return -EPERM;
	}
	return 0;
}

/* PATH with its links followed, or NULL with a message naming PATH. */
static char *target_of(const char *path)
{
	char *target;
	int e;

	errno = 0;
	target = resolve_links(path);
	if (!target) {
		e = errno ? errno : ENOMEM;
		error_msg("cannot write '%s': %s", path, strerror(e));
		errno = e; /* for the caller, whatever printing did */
	}
	return target;
}

/* Decide how PATH is written: in place, refused, or through a temp file. */
static int open_path(struct outfile *of, const char *path)
{
	bool in_place;
	int rc;

	of->target = target_of(path);
	if (!of->target)
		return -errno;
	rc = classify(path, of->target, &in_place);
	if (rc < 0)
		return rc;
	if (in_place) {
		free(of->target);
		of->target = NULL;
		return open_in_place(of, path);
	}
	return open_temp(of, path);
}

char *outfile_folder(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* A and B name the same existing regular file (links followed). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && S_ISREG(sa.st_mode) && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool outfile_same(const char *a, const char *b)
{
	const char *na = strrchr(a, '/'), *nb = strrchr(b, '/');
	char *da = NULL, *db = NULL, *ra = NULL, *rb = NULL;
	bool same;

	if (!strcmp(a, b) || same_file(a, b))
		return true;
	na = na ? na + 1 : a;
	nb = nb ? nb + 1 : b;
	if (strcmp(na, nb))
		return false;
	da = outfile_folder(a);
	db = outfile_folder(b);
	same = da && db && (ra = realpath(da, NULL)) &&
	       (rb = realpath(db, NULL)) && !strcmp(ra, rb);
	free(da);
	free(db);
	free(ra);
	free(rb);
	return same;
}

/* The temporary file of PATH can be made in TARGET's folder. */
static int folder_writable(const char *path, const char *target)
{
	char *dir = outfile_folder(target);
	int rc;

	if (!dir)
		return -ENOMEM;
	rc = access(dir, W_OK | X_OK) == 0 ? 0 : -errno;
	if (rc < 0)
		error_msg("cannot create '%s': %s", path, strerror(-rc));
	free(dir);
	return rc;
}

int outfile_check(const char *path)
{
	struct stat st;
	char *target;
	bool in_place;
	int rc;

	if (strcmp(path, "-") == 0)
		return fstat(STDOUT_FILENO, &st) == 0 && S_ISCHR(st.st_mode)
			   ? 0
			   : spool_check("standard output");
	target = target_of(path);
	if (!target)
		return -errno;
	rc = classify(path, target, &in_place);
	if (rc == 0 && !in_place)
		rc = folder_writable(path, target);
	else if (rc == 0 && stat(target, &st) == 0 && !S_ISCHR(st.st_mode))
		rc = spool_check(path);
	free(target);
	return rc;
}

int outfile_open(const char *path, struct outfile **out)
{
	struct outfile *of;
	int rc;

	of = calloc(1, sizeof(*of));
	if (!of)
		return -ENOMEM;
	of->signal_id = -1;
	of->dest = -1;
	if (strcmp(path, "-") == 0) {
		rc = open_stdout(of);
		if (rc < 0) {
			outfile_free(of);
			return rc;
		}
		*out = of;
		return 0;
	}
	of->path = strdup(path);
	if (!of->path) {
		outfile_free(of);
		return -ENOMEM;
	}
	rc = open_path(of, path);
	if (rc < 0) {
		outfile_free(of);
		return rc;
	}
	*out = of;
	return 0;
}

FILE *outfile_fp(struct outfile *of)
{
	return of->fp;
}

bool outfile_in_place(const struct outfile *of)
{
	return !of->tmp;
}

/* Flush OF's stream, without a message: 0 or -errno. */
static int flush_stream(struct outfile *of)
{
	errno = 0;
	if (fflush(of->fp) == 0 && !ferror(of->fp))
		return 0;
	of->spool_failed = of->dest >= 0;
	return write_error(of);
}

/* -errno of a failed read of OF's spool, marking it the spool's. */
static int spool_error(struct outfile *of)
{
	int rc = -errno;

	of->spool_failed = true;
	return rc;
}

/* Copy OF's spool to its destination, after what stdio still holds for
 * standard output. 0 or -errno. */
static int spool_deliver(struct outfile *of)
{
	char buf[1 << 16];
	ssize_t n;
	int rc;

	errno = 0;
	if (!of->path && (fflush(stdout) != 0 || ferror(stdout)))
		return -(errno ? errno : EIO);
	if (lseek(of->fd, 0, SEEK_SET) < 0)
		return spool_error(of);
	for (;;) {
		n = read(of->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? spool_error(of) : 0;
		rc = write_all(of->dest, buf, (size_t)n);
		if (rc < 0)
			return rc;
	}
}

/* Flush, copy a spool to its destination, close (unless stdout); 0 or
 * -errno. */
static int finish_stream(struct outfile *of)
{
	int rc = flush_stream(of);

	if (rc == 0 && of->dest >= 0)
		rc = spool_deliver(of);
	if (of->fp != stdout) {
		errno = 0;
		if (fclose(of->fp) != 0 && rc == 0)
			rc = write_error(of);
	}
	of->fp = NULL;
	return rc;
}

int outfile_flush(struct outfile *of)
{
	int rc = flush_stream(of);

	if (rc < 0)
		say_failed(of, rc);
	return rc;
}

int outfile_commit(struct outfile *of)
{
	return outfile_commit_all(&of, 1);
}

/* Step PASS of finishing OF: 0 finishes the outputs renamed into place
 * and flushes the spools; 1 copies the spools and flushes the outputs
 * written in place, which cannot be taken back. 0 or -errno. */
static int finish_step(struct outfile *of, int pass)
{
	if (pass == 0 && of->dest >= 0)
		return flush_stream(of);
	if ((of->tmp == NULL) != (pass == 1))
		return 0;
	return finish_stream(of);
}

/* Finish every output of OF[N] (NULL skipped), those written in place
 * last. 0, or -errno with *BAD the one that failed. */
static int finish_all(struct outfile **of, size_t n, size_t *bad)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			int rc;

			if (!of[i])
				continue;
			rc = finish_step(of[i], pass);
			if (rc < 0) {
				*bad = i;
				return rc;
			}
		}
	return 0;
}

int outfile_commit_all(struct outfile **of, size_t n)
{
	size_t bad = 0;
	int rc = finish_all(of, n, &bad);

	for (size_t i = 0; i < n; i++) {
		if (!of[i])
			continue;
		if (rc == 0 && of[i]->tmp && rename(of[i]->tmp, of[i]->target))
			rc = -errno, bad = i;
		if (rc < 0 && i == bad)
			say_failed(of[i], rc);
	}
	for (size_t i = 0; i < n; i++) {
		if (rc < 0 && of[i])
			outfile_abort(of[i]);
		else if (of[i])
			outfile_free(of[i]);
		of[i] = NULL;
	}
	return rc;
}

void outfile_abort(struct outfile *of)
{
	if (!of)
		return;
	if (of->fp && of->fp != stdout)
		fclose(of->fp); /* a spool goes with its descriptor */
	if (of->tmp)
		unlink(of->tmp);
	outfile_free(of);
}

int outfile_fclose(FILE *fp)
{
	bool failed = ferror(fp);

	if (fclose(fp) != 0)
		return EOF;
	if (failed) {
		errno = EIO;
		return EOF;
	}
	return 0;
}

/* Standard output's cookie, once outfile_keep_stdout_errno() ran. */
static struct outfile stdout_of = {.fd = STDOUT_FILENO, .signal_id = -1};

int outfile_keep_stdout_errno(int mode)
{
	FILE *fp;

	if (fflush(stdout) != 0)
		return -errno;
	fp = stream_of(&stdout_of, STDOUT_FILENO);
	if (!fp)
		return -errno;
	setvbuf(fp, NULL, mode, 0);
	stdout = fp;
	return 0;
}

void outfile_hold_std_fds(void)
{
	static const int wrong_way[3] = {O_WRONLY, O_RDONLY, O_RDONLY};

	/* Lowest first: the descriptor open() returns is the one closed. */
	for (int fd = 0; fd < 3; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		got = open("/dev/null", wrong_way[fd]);
		if (got >= 0 && got != fd)
			close(got);
	}
}

int outfile_check_stdout(void)
{
	static bool said;
	int e;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	/* The first failed write's own errno: one on another thread (a
	   guest's console) or long before left errno empty here. */
	e = stdout_of.werr ? stdout_of.werr : errno;
	if (!said)
		error_msg("cannot write 'standard output': %s",
			  e ? strerror(e) : "a write failed");
	said = true;
	return -(e ? e : EIO);
}
