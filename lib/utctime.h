/*
 * utctime.h - moments as seconds since the epoch (UTC), read from what
 * people type: plain seconds or an ISO 8601 date and time.
 */
#ifndef VMUX_UTCTIME_H
#define VMUX_UTCTIME_H

/*
 * Y-M-D h:m:s (UTC) to seconds into *OUT if it names a real moment (no
 * 2013-02-30, no 25:00); -EINVAL otherwise.
 */
int utctime_from_fields(int y, int mo, int d, int h, int mi, int s,
			double *out);

/*
 * Parse S into seconds since the epoch: a finite decimal number of
 * seconds ("1374883200", "86400.5", "-60"; numtext_parse: no hex, inf or
 * blank), or an ISO 8601 extended date
 * "YYYY-MM-DD" optionally followed by 'T' (or one space) and "HH:MM",
 * "HH:MM:SS" or "HH:MM:SS.fff", optionally followed by 'Z' or an offset
 * "+HH:MM" / "-HH:MM" (no zone means UTC). -EINVAL if S is none of these.
 */
int utctime_parse(const char *s, double *out);

#endif
