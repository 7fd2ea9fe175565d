/*
 * The per-unit facts cache (docs/performance.md "The facts cache"): a unit's facts stored
 * under a key made of the unit's command (path, directory, arguments, the environment
 * variables that add include directories), checked against the tool's identity (sockcheck's
 * version and build, the facts format, libclang's version) and a manifest of every file the
 * unit read with its digest.
 * An entry is used only while every file of its manifest still has that digest (ccache's
 * manifest mode). Entries are written atomically (temporary file + rename); a corrupt or
 * foreign entry is a miss and is rewritten. Owns the cache handle; thread-safe.
 */
#ifndef SOCKCHECK_CACHE_H
#define SOCKCHECK_CACHE_H

#include "facts.h"
#include "fe.h"
#include "sc.h"
#include "units.h"

struct cache;

/*
 * The default cache directory: $XDG_CACHE_HOME/sockcheck, else $HOME/.cache/sockcheck;
 * NULL when neither variable is set to an absolute path. Caller frees.
 */
char *cache_default_dir(void);

/*
 * Opens the cache in dir, creating it (and its parents) when missing. Returns NULL and fills
 * err (SC_ERROR_IO) when it cannot be created or written. Free with cache_free.
 */
struct cache *cache_open(const char *dir, struct sc_error *err) SC_MUST_CHECK;
/* One more owner of cache (its digests are then shared too); each owner calls cache_free,
 * and the last one frees it. Returns cache. */
struct cache *cache_share(struct cache *cache);
void cache_free(struct cache *cache);

/*
 * The facts stored for unit, when there is an entry for its command whose manifest still
 * matches every file; NULL otherwise (no entry, a file changed, a corrupt or foreign entry).
 * The caller frees the facts.
 */
struct facts *cache_lookup(struct cache *cache, const struct unit *unit);

/* The memo the front end may use while collecting a unit's inputs (fe_extract_inputs); it
 * lives as long as the cache. */
void cache_digest_memo(struct cache *cache, struct fe_digest_memo *out);

/*
 * Stores facts for unit with the files it read. Failures (a full disk, a path that cannot be
 * written in the entry) only mean no entry: the cache is never needed for a correct run.
 * Incomplete inputs (a file not found) are not stored: creating that file must re-parse.
 */
void cache_store(struct cache *cache, const struct unit *unit, const struct facts *facts,
                 const struct fe_inputs *inputs);

#endif
