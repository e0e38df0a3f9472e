#define _GNU_SOURCE
#include "omtale_hunspell.h"
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

typedef void *(*create_fn)(const char *, const char *);
typedef void (*destroy_fn)(void *);
typedef int (*spell_fn)(void *, const char *);
typedef int (*list_fn)(void *, char ***, const char *);
typedef void (*free_list_fn)(void *, char ***, int);

typedef struct {
    void *library;
    void *hunspell;
    spell_fn spell;
    list_fn stem;
    list_fn analyze;
    free_list_fn free_list;
    destroy_fn destroy;
} shim;

static const char *library_names[] = {"libhunspell-1.7.so.0", "libhunspell-1.7.so", "libhunspell.so",
                                      "libhunspell-1.7.0.dylib", "libhunspell-1.7.dylib", "libhunspell.dylib", NULL};

int omtale_hunspell_library_path(char *buffer, size_t size) {
    void *library = NULL;
    for (int i = 0; library_names[i] && !library; i++) library = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) return -1;
    void *create = dlsym(library, "Hunspell_create");
    Dl_info info;
    // The library stays loaded (a later omtale_hunspell_open finds it so); only its file is wanted here.
    if (!create || !dladdr(create, &info) || !info.dli_fname || strlen(info.dli_fname) + 1 > size) return -1;
    memcpy(buffer, info.dli_fname, strlen(info.dli_fname) + 1);
    return 0;
}

void *omtale_hunspell_open(const char *aff, const char *dic, const char **why) {
    void *library = NULL;
    for (int i = 0; library_names[i] && !library; i++) library = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        if (why) *why = "libhunspell not found";
        return NULL;
    }
    create_fn create = (create_fn)dlsym(library, "Hunspell_create");
    shim s = {library, NULL, (spell_fn)dlsym(library, "Hunspell_spell"), (list_fn)dlsym(library, "Hunspell_stem"),
              (list_fn)dlsym(library, "Hunspell_analyze"), (free_list_fn)dlsym(library, "Hunspell_free_list"),
              (destroy_fn)dlsym(library, "Hunspell_destroy")};
    if (!create || !s.spell || !s.stem || !s.analyze || !s.free_list || !s.destroy) {
        if (why) *why = "libhunspell lacks its C API";
        dlclose(library);
        return NULL;
    }
    FILE *a = fopen(aff, "rb"), *d = fopen(dic, "rb");
    if (a) fclose(a);
    if (d) fclose(d);
    if (!a || !d) {
        if (why) *why = "dictionary files not found";
        dlclose(library);
        return NULL;
    }
    s.hunspell = create(aff, dic);
    if (!s.hunspell) {
        if (why) *why = "dictionary could not be loaded";
        dlclose(library);
        return NULL;
    }
    shim *result = malloc(sizeof(shim));
    if (!result) {
        s.destroy(s.hunspell);
        dlclose(library);
        return NULL;
    }
    *result = s;
    return result;
}

void omtale_hunspell_close(void *handle) {
    shim *s = handle;
    if (!s) return;
    s->destroy(s->hunspell);
    dlclose(s->library);
    free(s);
}

int omtale_hunspell_spell(void *handle, const char *word) {
    shim *s = handle;
    return s ? s->spell(s->hunspell, word) : 0;
}

static void append(char **text, size_t *length, const char *prefix, const char *line) {
    size_t add = strlen(prefix) + strlen(line) + 1;
    char *grown = realloc(*text, *length + add + 1);
    if (!grown) return;
    *text = grown;
    snprintf(*text + *length, add + 1, "%s%s\n", prefix, line);
    *length += add;
}

char *omtale_hunspell_describe(void *handle, const char *word) {
    shim *s = handle;
    if (!s) return NULL;
    char *text = NULL;
    size_t length = 0;
    char **list = NULL;
    int n = s->stem(s->hunspell, &list, word);
    for (int i = 0; i < n; i++) append(&text, &length, "S\t", list[i]);
    if (n > 0) s->free_list(s->hunspell, &list, n);
    list = NULL;
    n = s->analyze(s->hunspell, &list, word);
    for (int i = 0; i < n; i++) append(&text, &length, "A\t", list[i]);
    if (n > 0) s->free_list(s->hunspell, &list, n);
    return text;
}

void omtale_hunspell_free(char *text) { free(text); }
