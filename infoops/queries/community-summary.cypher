// Community summary: size, roles, new accounts and name scripts per community
// name: community-summary
// description: >
//   One row per community written by the last `communities` run (run it first, with the same
//   scope): its size, posters and amplifiers (roles from HITS), how many of its accounts were
//   created during the collection window (from the first to the last post of the scoped
//   collections, clipped to since/until) and their share, the share created from $recent_days
//   days before the window to its end (operations often register their accounts just before
//   they start), the dominant script of its display
//   names (Japanese kana, Han, Hangul, Cyrillic, Arabic, Hebrew, Greek, Thai, Devanagari, Latin;
//   the first of these a name contains) with its share, its most authoritative accounts, and
//   the modularity of the partition. An operation of brand-new accounts shows as a community
//   of amplifiers created in the window, often under one foreign script.
// parameters:
//   collections: {type: "list[string]", default: null, description: "collections whose posts set the window"}
//   since: {type: datetime, default: null, description: "the window starts no earlier than this"}
//   until: {type: datetime, default: null, description: "the window ends no later than this"}
//   min_size: {type: int, default: 3, description: "smallest community listed"}
//   recent_days: {type: int, default: 30, description: "days before the window that count as recent for created_recent_share"}
// columns: [community, size, posters, amplifiers, created_in_window, created_in_window_share, created_recent_share, dominant_script, dominant_script_share, top_accounts, window_start, window_end, modularity]

// The first and the last post in scope, each read off the created_at index in its order.
WITH COLLECT {
       MATCH (p:Post)
       WHERE p.created_at IS NOT NULL
         AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
         AND ($since IS NULL OR p.created_at >= datetime($since))
         AND ($until IS NULL OR p.created_at < datetime($until))
       RETURN p.created_at AS at ORDER BY at ASC LIMIT 1
     }[0] AS window_start,
     COLLECT {
       MATCH (p:Post)
       WHERE p.created_at IS NOT NULL
         AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
         AND ($since IS NULL OR p.created_at >= datetime($since))
         AND ($until IS NULL OR p.created_at < datetime($until))
       RETURN p.created_at AS at ORDER BY at DESC LIMIT 1
     }[0] AS window_end
OPTIONAL MATCH (run:Analysis {name: 'communities'})
WITH window_start, window_end, run.modularity AS modularity,
     window_start - duration({days: $recent_days}) AS recent_start
// Grouped by the community alone (the window and the modularity stay outside).
CALL (window_start, window_end, recent_start) {
  MATCH (account:Account)
  WHERE account.community IS NOT NULL
  // (The name is read in the CASE only, for accounts without a stored script: a WITH would
  // read every account's.)
  WITH account,
       CASE
         // The loader stores the script of each display name (display_script, 'none' for a name
         // without one of these scripts; keep the three copies of these tests in step:
         // write-accounts, bulk-finish); an account written by an older infoops is tested here.
         WHEN account.display_script = 'none' THEN null
         WHEN account.display_script IS NOT NULL THEN account.display_script
         // Most names are Latin letters and common signs only: one test settles them.
         WHEN account.display_name =~ '(?s)[\\p{IsLatin}\\p{IsCommon}\\p{IsInherited}]*\\p{IsLatin}[\\p{IsLatin}\\p{IsCommon}\\p{IsInherited}]*'
           THEN 'Latin'
         WHEN account.display_name =~ '(?s).*[\\p{IsHiragana}\\p{IsKatakana}].*' THEN 'Japanese'
         WHEN account.display_name =~ '(?s).*\\p{IsHan}.*' THEN 'Han'
         WHEN account.display_name =~ '(?s).*\\p{IsHangul}.*' THEN 'Hangul'
         WHEN account.display_name =~ '(?s).*\\p{IsCyrillic}.*' THEN 'Cyrillic'
         WHEN account.display_name =~ '(?s).*\\p{IsArabic}.*' THEN 'Arabic'
         WHEN account.display_name =~ '(?s).*\\p{IsHebrew}.*' THEN 'Hebrew'
         WHEN account.display_name =~ '(?s).*\\p{IsGreek}.*' THEN 'Greek'
         WHEN account.display_name =~ '(?s).*\\p{IsThai}.*' THEN 'Thai'
         WHEN account.display_name =~ '(?s).*\\p{IsDevanagari}.*' THEN 'Devanagari'
         WHEN account.display_name =~ '(?s).*\\p{IsLatin}.*' THEN 'Latin'
         ELSE null END AS script
  RETURN account.community AS community,
         count(*) AS size,
         count(CASE WHEN account.role = 'poster' THEN 1 END) AS posters,
         count(CASE WHEN account.role = 'amplifier' THEN 1 END) AS amplifiers,
         count(CASE WHEN account.created_at >= window_start AND account.created_at <= window_end
                    THEN 1 END) AS created_in_window,
         count(CASE WHEN account.created_at >= recent_start
                         AND account.created_at <= window_end THEN 1 END) AS created_recent,
         collect(script) AS scripts,
         collect(CASE WHEN account.authority > 0 THEN {name: account.screen_name,
                                                       authority: account.authority} END) AS ranked
}
WITH * WHERE size >= $min_size
// The most frequent script (ties: the first in alphabetical order), counted in one call.
WITH *, reduce(best = null, f IN apoc.coll.frequencies(scripts) |
               CASE WHEN best IS NULL OR f.count > best.n
                         OR (f.count = best.n AND f.item < best.script)
                    THEN {script: f.item, n: f.count} ELSE best END) AS dominant
RETURN community, size, posters, amplifiers, created_in_window,
       round(toFloat(created_in_window) / size, 3) AS created_in_window_share,
       round(toFloat(created_recent) / size, 3) AS created_recent_share,
       dominant.script AS dominant_script,
       round(toFloat(coalesce(dominant.n, 0)) / size, 3) AS dominant_script_share,
       [r IN apoc.coll.sortMaps(ranked, 'authority')[..5] | r.name] AS top_accounts,
       window_start, window_end, modularity
ORDER BY size DESC, community;
