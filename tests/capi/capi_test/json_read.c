/* json_read.c — a little JSON reading, enough for the responses (no library in a C test).
 * A lookup that finds nothing reports the caller's file:line and exits 1. */
#include "json_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* The value of `key` among the members of the object starting at `object` ('{'), or NULL.
 * Nested objects and arrays are skipped, so a key only matches at the top level. */
const char *json_find(const char *object, const char *key) {
  size_t key_len = strlen(key);
  int depth = 0;
  const char *p;
  for (p = object; *p != '\0'; ++p) {
    if (*p == '"') {
      const char *start = ++p;
      while (*p != '\0' && *p != '"') p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
      if (*p == '\0') return NULL;
      if (depth == 1) {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\n') ++q;
        if (*q == ':' && (size_t)(p - start) == key_len && memcmp(start, key, key_len) == 0) {
          ++q;
          while (*q == ' ' || *q == '\n') ++q;
          return q;
        }
      }
    } else if (*p == '{' || *p == '[') {
      ++depth;
    } else if (*p == '}' || *p == ']') {
      if (--depth == 0) return NULL;
    }
  }
  return NULL;
}

const char *json_get(const char *object, const char *key, const char *file, int line) {
  const char *value = object == NULL ? NULL : json_find(object, key);
  if (value == NULL) {
    fprintf(stderr, "%s:%d: key \"%s\" not found in: %.300s\n", file, line, key,
            object == NULL ? "(null)" : object);
    exit(1);
  }
  return value;
}

long long json_int_at(const char *object, const char *key, const char *file, int line) {
  return strtoll(json_get(object, key, file, line), NULL, 10);
}

/* Copies a string value without escapes into buf; NUL-terminated, truncated to size. */
const char *json_str_at(const char *object, const char *key, char *buf, size_t size,
                        const char *file, int line) {
  const char *value = json_get(object, key, file, line);
  size_t n = 0;
  if (*value != '"') fail_at(file, line, "JSON value is not a string");
  for (++value; *value != '"' && *value != '\0' && n + 1 < size; ++value) buf[n++] = *value;
  buf[n] = '\0';
  return buf;
}

/* The first element of the array value of `key`, or NULL when the array is empty. */
const char *json_first_item(const char *object, const char *key, const char *file, int line) {
  const char *value = json_get(object, key, file, line);
  if (*value != '[') fail_at(file, line, "JSON value is not an array");
  ++value;
  while (*value == ' ' || *value == '\n') ++value;
  return *value == ']' ? NULL : value;
}

/* The first character after the JSON value that starts at `p`. */
static const char *json_skip_value(const char *p) {
  int depth = 0;
  do {
    if (*p == '"') {
      ++p;
      while (*p != '\0' && *p != '"') p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
      if (*p == '\0') return p;
      ++p;
    } else if (*p == '{' || *p == '[') {
      ++depth;
      ++p;
    } else if (*p == '}' || *p == ']') {
      --depth;
      ++p;
    } else if (depth == 0) {
      while (*p != '\0' && *p != ',' && *p != '}' && *p != ']') ++p;
      return p;
    } else {
      ++p;
    }
  } while (depth > 0 && *p != '\0');
  return p;
}

/* Element `n` (0-based) of the array value of `key`, or NULL when the array is shorter. */
const char *json_nth_item(const char *object, const char *key, int n, const char *file, int line) {
  const char *p = json_first_item(object, key, file, line);
  int i;
  for (i = 0; p != NULL && i < n; ++i) {
    p = json_skip_value(p);
    while (*p == ' ' || *p == '\n') ++p;
    if (*p != ',') return NULL;
    ++p;
    while (*p == ' ' || *p == '\n') ++p;
  }
  return p;
}

/* The number of elements of the array value of `key`. */
int json_count_at(const char *object, const char *key, const char *file, int line) {
  int n = 0;
  while (json_nth_item(object, key, n, file, line) != NULL) ++n;
  return n;
}

int count_of(const char *haystack, const char *needle) {
  int n = 0;
  const char *p = haystack;
  while ((p = strstr(p, needle)) != NULL) {
    ++n;
    p += strlen(needle);
  }
  return n;
}
