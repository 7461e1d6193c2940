/*
 * udp.h - the host side of the NICs: every frame the guest sends leaves as
 * one real UDP datagram from a socket connected to a sink address
 * (normally a dev_sink on loopback).
 */
#ifndef VMUX_DEV_UDP_H
#define VMUX_DEV_UDP_H

#include <stddef.h>
#include <stdint.h>

struct dev_udp;
struct vmm_device;

/* A socket connected to 127.0.0.1:PORT. -errno. */
int dev_udp_open(uint16_t port, struct dev_udp **out);
void dev_udp_close(struct dev_udp *u);

/*
 * Send LEN bytes as one datagram; retried while the socket buffer is full
 * (ENOBUFS) so a fast guest is slowed, not silently dropped. -errno.
 */
int dev_udp_send(struct dev_udp *u, const void *buf, size_t len);
/* The port of 127.0.0.1 the datagrams go to. */
uint16_t dev_udp_port(const struct dev_udp *u);

/* In the device list: opened from the VM's options, counted in
   vmm_stats.net_frames / net_bytes, the first failed send's errno in
   net_errno. */
extern const struct vmm_device dev_udp_device;

#endif
