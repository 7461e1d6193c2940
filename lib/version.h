/*
 * version.h - the version vmux reports (vmux version, report headers).
 * A build may override it with -DVMUX_VERSION='"x.y.z"'.
 */
#ifndef VMUX_VERSION_H
#define VMUX_VERSION_H

#ifndef VMUX_VERSION
#define VMUX_VERSION "0.1.0"
#endif

#endif
