/*
 * test_sha256.c - SHA-256 against the FIPS 180-2 example digests ("abc",
 * the 448-bit two-block message, a million 'a'), the empty message, input
 * fed in odd-sized pieces, and a file hashed by sha256_file.
 */
#include "vmux_test.h"
#include "lib/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void check(const char *msg, size_t n, const char *want)
{
	struct sha256 s;
	char hex[SHA256_HEX_LEN + 1];

	sha256_init(&s);
	sha256_update(&s, msg, n);
	sha256_hex(&s, hex);
	assert_string_equal(hex, want);
}

static void test_fips_examples(void **state)
{
	const char *two =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	(void)state;
	check(
	    "", 0,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check(
	    "abc", 3,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check(
	    two, strlen(two),
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_million_a_in_pieces(void **state)
{
	char *a = malloc(1000000), hex[SHA256_HEX_LEN + 1];
	struct sha256 s;
	size_t off = 0, piece = 1;

	(void)state;
	assert_non_null(a);
	memset(a, 'a', 1000000);
	sha256_init(&s);
	while (off < 1000000) {
		size_t n = piece < 1000000 - off ? piece : 1000000 - off;

		sha256_update(&s, a + off, n);
		off += n;
		piece = piece * 7 % 997 + 1;
	}
	sha256_hex(&s, hex);
	assert_string_equal(
	    hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

static void test_file(void **state)
{
	char path[] = "/tmp/vmux-sha256-XXXXXX", hex[SHA256_HEX_LEN + 1];
	int fd = mkstemp(path);
	uint64_t size = 0;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	assert_int_equal(sha256_file(path, hex, &size), 0);
	assert_int_equal(size, 3);
	assert_string_equal(
	    hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	assert_true(sha256_file(path, hex, &size) < 0);
}

/*
 * Bytes (7 i + 3) mod 251, i < 100003, fed in pieces of 1 to 300 bytes and
 * then whole: whole blocks go straight from the caller's buffer (through
 * the SHA extensions where the CPU has them), the rest through the
 * 64-byte buffer. Digest from python3's hashlib.sha256.
 */
static void test_runs_of_blocks(void **state)
{
	static const char want[] = "3b1d6731138fc44f6de1267ee21c50c8"
				   "320d23d75fa6515f63e9588cb262ba7a";
	static unsigned char b[100003];
	char hex[SHA256_HEX_LEN + 1];
	struct sha256 s;
	size_t i = 0, step = 1;

	(void)state;
	for (size_t j = 0; j < sizeof(b); j++)
		b[j] = (unsigned char)((7 * j + 3) % 251);
	sha256_init(&s);
	for (; i < sizeof(b); i += step, step = step % 300 + 37) {
		size_t n = sizeof(b) - i < step ? sizeof(b) - i : step;

		sha256_update(&s, b + i, n);
	}
	sha256_hex(&s, hex);
	assert_string_equal(hex, want);
	sha256_init(&s);
	sha256_update(&s, b, sizeof(b));
	sha256_hex(&s, hex);
	assert_string_equal(hex, want);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_fips_examples),
	       cmocka_unit_test(test_runs_of_blocks),
	       cmocka_unit_test(test_million_a_in_pieces),
	       cmocka_unit_test(test_file))
