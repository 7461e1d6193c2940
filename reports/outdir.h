/*
 * outdir.h - an output folder that appears whole or not at all.
 *
 * The report is built in a fresh folder "DIR.tmp.XXXXXX" beside DIR and
 * only then moved to DIR: a failed or interrupted run leaves DIR as it
 * was. An existing DIR is replaced only if it is empty or a previous vmux
 * report (it holds the marker file OUTDIR_MARKER), never a folder of other
 * files that -o happened to name.
 */
#ifndef VMUX_OUTDIR_H
#define VMUX_OUTDIR_H

#define OUTDIR_MARKER ".vmux-report"

/*
 * Check that DIR may be written (absent, empty or a vmux report), create
 * the temporary folder with the marker in it and return its malloc'd path
 * in *TMP. -EEXIST / -ENOTDIR with a message when DIR is something else;
 * -errno (path printed) when the folder cannot be made; -ENOMEM.
 */
int outdir_begin(const char *dir, char **tmp);
/*
 * Move TMP to DIR, replacing the old report there (exchanged atomically
 * where the file system allows, then removed). Frees TMP. -errno with a
 * message; TMP is removed on failure.
 */
int outdir_commit(const char *dir, char *tmp);
/* Remove TMP and everything in it; free it. NULL is a no-op. */
void outdir_abort(char *tmp);

#endif
