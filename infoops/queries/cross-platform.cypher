// Cross-platform accounts: the same handle or display name on several platforms
// name: cross-platform
// description: >
//   Groups of accounts on two or more platforms whose screen names (match 'handle') or
//   display names (match 'display_name') are the same once lower-cased and stripped of
//   everything but letters and digits (Na.5Ivwycl = na5ivwycl; with loose also of a trailing
//   number and of doubled characters, so sandra_yilmaz3 = sandra_yilmaz and fxg66Losk =
//   fxg6Losk, at the price of more namesakes). name is that normalised key. A group of
//   display names that only repeats a handle group is left out. Handle matches come first,
//   then the smallest groups: a name shared by a pair is telling, one shared by dozens is a
//   common name (groups above max_accounts are dropped, keys shorter than min_length too,
//   where a Han, Kana or Hangul character counts twice).
//   Caveats: current names only; a match is a lead to check, not proof of one owner. The
//   normalised names are computed once, at load time, by infoops.analysis.names.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only accounts seen in these collections"}
//   since: {type: datetime, default: null, description: "only accounts last seen from then on"}
//   until: {type: datetime, default: null, description: "only accounts first seen before then"}
//   loose: {type: bool, default: false, description: "also drop a trailing number and doubled characters before comparing"}
//   min_length: {type: int, default: 4, description: "shortest normalised name compared"}
//   max_accounts: {type: int, default: 10, description: "largest group reported"}
// columns: [name, platforms, accounts, match]
CALL () {
  // handle_key and display_key, stored by the loader: lower-cased, letters and digits (of the
  // Basic Multilingual Plane) only. A Han, Kana or Hangul character carries about what two
  // letters do: 二反 is long enough. (They are counted only for keys too short without them.)
  // Names compared as stored (not loose), never empty: a group on two platforms or more has
  // an account off the platform with the most accounts, so only the names of those are
  // looked up, each through its index (grouping every account by its names costs seconds).
  WITH 1 AS exact
  WHERE NOT coalesce($loose, false) AND $min_length >= 1
  MATCH (a:Account)
  WHERE a.platform IS NOT NULL
    AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
    AND ($since IS NULL OR a.last_seen IS NULL OR a.last_seen >= datetime($since))
    AND ($until IS NULL OR a.first_seen IS NULL OR a.first_seen < datetime($until))
  WITH a.platform AS platform, collect(a) AS accounts
  ORDER BY size(accounts) DESC
  WITH collect(accounts)[1..] AS elsewhere
  UNWIND elsewhere AS accounts
  UNWIND accounts AS seed
  UNWIND [['handle', seed.handle_key], ['display_name', seed.display_key]] AS named
  WITH DISTINCT named[0] AS match, named[1] AS key
  WHERE key IS NOT NULL
  WITH match, key
  WHERE size(key) >= $min_length
     OR size(key)
        + size(apoc.text.regreplace(key,
                                    '[^\\p{IsHan}\\p{IsHangul}\\p{IsHiragana}\\p{IsKatakana}]', ''))
        >= $min_length
  CALL (match, key) {
    WITH match, key WHERE match = 'handle'
    MATCH (a:Account {handle_key: key})
    RETURN a
    UNION ALL
    WITH match, key WHERE match = 'display_name'
    MATCH (a:Account {display_key: key})
    RETURN a
  }
  WITH match, key, a
  WHERE a.platform IS NOT NULL
    AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
    AND ($since IS NULL OR a.last_seen IS NULL OR a.last_seen >= datetime($since))
    AND ($until IS NULL OR a.first_seen IS NULL OR a.first_seen < datetime($until))
  RETURN match, key, collect(a) AS accounts
  UNION ALL
  WITH 1 AS loose
  WHERE coalesce($loose, false) OR NOT coalesce($min_length >= 1, false)
  MATCH (a:Account)
  WHERE a.platform IS NOT NULL
    AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
    AND ($since IS NULL OR a.last_seen IS NULL OR a.last_seen >= datetime($since))
    AND ($until IS NULL OR a.first_seen IS NULL OR a.first_seen < datetime($until))
  UNWIND [['handle', a.handle_key], ['display_name', a.display_key]] AS named
  WITH a, named[0] AS match, coalesce(named[1], '') AS key
  WITH a, match,
       CASE WHEN $loose
            // the key without a trailing number, then without doubled characters
            THEN apoc.text.regreplace(apoc.text.regreplace(key, '[0-9]+$', ''), '(.)\\1+', '$1')
            ELSE key END AS key
  WHERE size(key) >= $min_length
     OR size(key)
        + size(apoc.text.regreplace(key,
                                    '[^\\p{IsHan}\\p{IsHangul}\\p{IsHiragana}\\p{IsKatakana}]', ''))
        >= $min_length
  RETURN match, key, collect(a) AS accounts
}
WITH match, key, accounts
WHERE size(accounts) <= $max_accounts
  AND size(reduce(seen = [], x IN accounts |
                  CASE WHEN x.platform IN seen THEN seen ELSE seen + x.platform END)) > 1
WITH match, key, accounts, apoc.coll.sort([x IN accounts | x.key]) AS members
ORDER BY match DESC
WITH collect({match: match, key: key, accounts: accounts, members: members}) AS groups
WITH [g IN groups WHERE g.match = 'handle' | g.members] AS handle_groups, groups
UNWIND groups AS g
WITH g WHERE g.match = 'handle' OR NOT g.members IN handle_groups
RETURN g.key AS name,
       apoc.coll.sort(apoc.coll.toSet([x IN g.accounts | x.platform])) AS platforms,
       // by platform, then key: the same in any store, whatever order it lists accounts in
       [x IN apoc.coll.sortMulti([a IN g.accounts | {platform: a.platform, key: a.key,
                                                     screen_name: a.screen_name, id: a.id}],
                                 ['^platform', '^key']) |
        {platform: x.platform, screen_name: x.screen_name, account_id: x.id}] AS accounts,
       g.match AS match
ORDER BY CASE g.match WHEN 'handle' THEN 0 ELSE 1 END, size(g.accounts), name;
