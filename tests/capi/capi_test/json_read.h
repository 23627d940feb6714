/* json_read.h — a little JSON reading, enough for the responses (no library in a C test). The
 * macros pass the caller's file and line, which a failed lookup reports before it exits 1. */
#ifndef RMA_CAPI_TEST_JSON_READ_H
#define RMA_CAPI_TEST_JSON_READ_H

#include <stddef.h>
#include <string.h>

/* The value of `key` among the members of the object starting at `object` ('{'), or NULL.
 * Nested objects and arrays are skipped, so a key only matches at the top level. */
const char *json_find(const char *object, const char *key);

/* As json_find, but a missing key fails the test. */
const char *json_get(const char *object, const char *key, const char *file, int line);
#define JSON_GET(object, key) json_get((object), (key), __FILE__, __LINE__)

long long json_int_at(const char *object, const char *key, const char *file, int line);
#define JSON_INT(object, key) json_int_at((object), (key), __FILE__, __LINE__)

/* Copies a string value without escapes into buf; NUL-terminated, truncated to size. */
const char *json_str_at(const char *object, const char *key, char *buf, size_t size,
                        const char *file, int line);
#define JSON_STR(object, key, buf) json_str_at((object), (key), (buf), sizeof(buf), __FILE__, __LINE__)

/* The first element of the array value of `key`, or NULL when the array is empty. */
const char *json_first_item(const char *object, const char *key, const char *file, int line);
#define JSON_FIRST(object, key) json_first_item((object), (key), __FILE__, __LINE__)

/* Element `n` (0-based) of the array value of `key`, or NULL when the array is shorter. */
const char *json_nth_item(const char *object, const char *key, int n, const char *file, int line);
#define JSON_NTH(object, key, n) json_nth_item((object), (key), (n), __FILE__, __LINE__)

/* The number of elements of the array value of `key`. */
int json_count_at(const char *object, const char *key, const char *file, int line);
#define JSON_COUNT(object, key) json_count_at((object), (key), __FILE__, __LINE__)

/* Whether the value of `key` starts with `literal` (true, false, null, a number). */
#define JSON_IS(object, key, literal) \
  (strncmp(JSON_GET((object), (key)), (literal), strlen(literal)) == 0)

/* How often `needle` occurs in `haystack`. */
int count_of(const char *haystack, const char *needle);

#endif
