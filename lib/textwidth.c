/*
 * textwidth.c - display width of UTF-8 text (see textwidth.h).
 */
#include "lib/textwidth.h"

#include <stdint.h>
#include <string.h>

/* [lo, hi] code point ranges. */
struct span {
	uint32_t lo, hi;
};

static const struct span zero[] = {
    {0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x0610, 0x061a},
    {0x064b, 0x065f}, {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064},
    {0x20d0, 0x20ff}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f}, {0xfeff, 0xfeff},
};

static const struct span wide[] = {
    {0x1100, 0x115f},	{0x2e80, 0x303e},   {0x3041, 0x33ff},
    {0x3400, 0x4dbf},	{0x4e00, 0x9fff},   {0xa000, 0xa4cf},
    {0xac00, 0xd7a3},	{0xf900, 0xfaff},   {0xfe30, 0xfe4f},
    {0xff00, 0xff60},	{0xffe0, 0xffe6},   {0x1f300, 0x1f64f},
    {0x1f900, 0x1f9ff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

static int in(uint32_t c, const struct span *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (c >= s[i].lo && c <= s[i].hi)
			return 1;
	return 0;
}

/* Decode the character at S into *C; its length in bytes, or 0 when S
 * does not start a valid (shortest-form) UTF-8 sequence. */
static size_t decode(const unsigned char *s, uint32_t *c)
{
	static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n = s[0] < 0x80	 ? 1
		   : s[0] < 0xc0 ? 0
		   : s[0] < 0xe0 ? 2
		   : s[0] < 0xf0 ? 3
		   : s[0] < 0xf8 ? 4
				 : 0;

	if (n == 0)
		return 0;
	*c = n == 1 ? s[0] : s[0] & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*c = *c << 6 | (s[i] & 0x3fu);
	}
	if (*c < min[n] || *c > 0x10ffff || (*c >= 0xd800 && *c <= 0xdfff))
		return 0;
	return n;
}

/* A control byte, written as \xNN (see textwidth.h). */
static int control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* The columns of the character at *P, which is advanced past it. */
static size_t char_width(const unsigned char **p)
{
	uint32_t c;
	size_t n = decode(*p, &c);

	if (control(**p) || n == 0) /* one byte: \xNN, or not UTF-8 */
		return control(*(*p)++) ? 4 : 1;
	*p += n;
	if (in(c, zero, sizeof(zero) / sizeof(zero[0])))
		return 0;
	return in(c, wide, sizeof(wide) / sizeof(wide[0])) ? 2 : 1;
}

size_t textwidth(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p)
		w += char_width(&p);
	return w;
}

void textwidth_putn(FILE *fp, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n; i++)
		if (control(p[i]))
			fprintf(fp, "\\x%02x", p[i]);
		else
			putc(p[i], fp);
}

void textwidth_put(FILE *fp, const char *s)
{
	textwidth_putn(fp, s, strlen(s));
}

void textwidth_pad(FILE *fp, const char *s, size_t width)
{
	textwidth_put(fp, s);
	for (size_t w = textwidth(s); w < width; w++)
		putc(' ', fp);
}
