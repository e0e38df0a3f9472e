#ifndef OMTALE_HUNSPELL_H
#define OMTALE_HUNSPELL_H

#include <stddef.h>

/// A thin shim over libhunspell, loaded at run time with dlopen: the binary has no link-time
/// dependency on it, so a copied `omtale` still runs where libhunspell or the Danish lexicon is
/// missing (morphology then falls back to the listed word forms; see README).
///
/// A handle is not thread-safe: the caller serializes calls on one handle.

/// Opens a dictionary (.aff and .dic paths). Returns NULL when libhunspell cannot be loaded or the
/// files cannot be read; `why` (may be NULL) then receives a static description.
void *omtale_hunspell_open(const char *aff, const char *dic, const char **why);
/// The path of the libhunspell file that omtale_hunspell_open loads (as the dynamic loader found it),
/// copied into `buffer`: 0, or -1 when libhunspell cannot be loaded. Part of the lexicon's identity
/// for the answer cache, since another libhunspell may judge the same .aff/.dic differently.
int omtale_hunspell_library_path(char *buffer, size_t size);
void omtale_hunspell_close(void *handle);
/// 1 when the word (UTF-8) is correct, including as a compound the affix file allows.
int omtale_hunspell_spell(void *handle, const char *word);
/// The stems and morphological analyses of a word, one per line ("S\t<stem>" or "A\t<analysis>"),
/// as a malloc'ed UTF-8 string the caller frees with omtale_hunspell_free; NULL for none.
char *omtale_hunspell_describe(void *handle, const char *word);
void omtale_hunspell_free(char *text);

#endif
