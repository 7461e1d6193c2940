/*
 * sink.h - a UDP sink on loopback: a thread that receives datagrams and
 * keeps count of frames, bytes, and a FNV-1a hash (work_fnv) over every payload
 * in arrival order (loopback keeps the order of one sender). The NICs send to
 * it; tests and `vmux run` compare its totals with the guest's.
 */
#ifndef VMUX_DEV_SINK_H
#define VMUX_DEV_SINK_H

#include <stdbool.h>
#include <stdint.h>

struct dev_sink;

struct dev_sink_counts {
	uint64_t frames, bytes, hash;
};

/* Bind 127.0.0.1 on an ephemeral port and start receiving. -errno. */
int dev_sink_start(struct dev_sink **out);
/*
 * Wait until FRAMES datagrams have arrived or TIMEOUT_MS passes (the
 * receiving thread may lag the sender by a few frames). True if they did.
 */
bool dev_sink_wait(struct dev_sink *s, uint64_t frames, int timeout_ms);
/* Stop the thread and free. NULL is a no-op. */
void dev_sink_stop(struct dev_sink *s);
uint16_t dev_sink_port(const struct dev_sink *s);
struct dev_sink_counts dev_sink_counts(struct dev_sink *s);

#endif
