/*
 * outfile.c - write to "PATH.tmp.XXXXXX" in PATH's folder, rename on commit
 * (rename is atomic within one file system, hence the same folder).
 */
#include "sim/outfile.h"
#include "sim/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outfile {
	FILE *fp;
	char *path;	/* final name; NULL for stdout */
	char *tmp;	/* temporary name */
};

int outfile_open(const char *path, struct outfile **out)
{
	struct outfile *of;
	int fd, rc = -ENOMEM;

	of = calloc(1, sizeof(*of));
	if (!of)
		return -ENOMEM;
	if (strcmp(path, "-") == 0) {
		of->fp = stdout;
		*out = of;
		return 0;
	}
	of->path = strdup(path);
	if (!of->path || asprintf(&of->tmp, "%s.tmp.XXXXXX", path) < 0) {
		of->tmp = NULL;
		goto fail;
	}
	fd = mkstemp(of->tmp);
	if (fd < 0) {
		rc = -errno;
		error_msg("cannot create '%s': %s", path, strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600; outputs are ordinary files. */
	fchmod(fd, 0644);
	of->fp = fdopen(fd, "w");
	if (!of->fp) {
		rc = -errno;
		close(fd);
		unlink(of->tmp);
		error_msg("cannot write '%s': %s", path, strerror(-rc));
		goto fail;
	}
	*out = of;
	return 0;
fail:
	free(of->tmp);
	free(of->path);
	free(of);
	return rc;
}

FILE *outfile_fp(struct outfile *of)
{
	return of->fp;
}

static void outfile_free(struct outfile *of)
{
	free(of->tmp);
	free(of->path);
	free(of);
}

int outfile_commit(struct outfile *of)
{
	int rc = 0;

	if (!of->path) {
		if (fflush(of->fp) != 0 || ferror(of->fp))
			rc = -EIO;
		outfile_free(of);
		return rc;
	}
	if (fflush(of->fp) != 0 || ferror(of->fp))
		rc = -(errno ? errno : EIO);
	if (fclose(of->fp) != 0 && rc == 0)
		rc = -(errno ? errno : EIO);
	if (rc == 0 && rename(of->tmp, of->path) != 0)
		rc = -errno;
	if (rc < 0) {
		unlink(of->tmp);
		error_msg("cannot write '%s': %s", of->path, strerror(-rc));
	}
	outfile_free(of);
	return rc;
}

void outfile_abort(struct outfile *of)
{
	if (!of)
		return;
	if (of->path) {
		fclose(of->fp);
		unlink(of->tmp);
	}
	outfile_free(of);
}
