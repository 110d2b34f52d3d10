// Renamed accounts and impersonation of known names
// name: renamed-accounts
// description: >
//   Accounts seen under several screen names or display names (the name history: every name
//   with its first and last sighting), and accounts whose display name is, once lower-cased
//   and stripped of everything but letters and digits, a famous name (famous_names; an
//   account whose own handle is that name is taken for the real one) or the display name of a
//   verified account on another handle, when this one took the name by renaming, or the
//   verified one is older by older_days or more and either the name is a famous one too or this
//   account's handle mimics the verified one's (contains it, or is within lookalike_edits
//   edits of it: elonmuskk, eionmusk). People share names: a namesake with a handle of its own
//   is not listed. impersonates lists the names and the @handles of the verified accounts
//   copied. The classic case is a hijacked verified account renamed
//   to a celebrity for a crypto scam, so rows are ranked: took an impersonated name by
//   renaming (4), verified (2), impersonates (2), renamed (1); then by the number of names.
//   Caveats: a name history needs several sightings (loads over time, or profile snapshots
//   in the posts); look-alike letters from other scripts are not folded. The names' keys are
//   computed once, at load time, by infoops.analysis.names.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only accounts seen in these collections"}
//   since: {type: datetime, default: null, description: "only names last seen from then on"}
//   until: {type: datetime, default: null, description: "only names first seen before then"}
//   famous_names:
//     type: "list[string]"
//     description: "names worth impersonating"
//     default: ["Elon Musk", "Bill Gates", "Donald Trump", "Joe Biden", "Barack Obama",
//               "Vitalik Buterin", "CZ Binance", "Changpeng Zhao", "Jeff Bezos",
//               "Mark Zuckerberg", "Warren Buffett", "Michael Saylor", "Cathie Wood",
//               "Justin Sun", "Brian Armstrong", "Binance", "Coinbase", "Tesla", "SpaceX",
//               "Guo Wengui", "Miles Guo", "郭文贵", "Steve Bannon"]
//   older_days: {type: int, default: 365, description: "how much older a verified namesake must be to count as the original"}
//   lookalike_edits: {type: int, default: 2, description: "most edits (insertions, deletions, substitutions) between a handle and a verified namesake's for it to mimic it"}
// columns: [screen_name, account_id, verified, names, first_seen, last_seen, impersonates, score]
CALL () {
  MATCH (v:Account {verified: true})
  WHERE v.display_name IS NOT NULL
    AND ($collections IS NULL OR any(c IN v.collections WHERE c IN $collections))
  RETURN collect(v) AS verified
}
// Names compare lower-cased, letters and digits only: 'Elon Musk 🚀' is 'elonmusk' (the
// loader stores that key: display_key, value_key; letters outside the Basic Multilingual
// Plane are left out; a final sigma ς is a σ). The known names are looked up by key: one map of famous names and one
// of verified accounts, built once.
WITH [v IN verified | {account: v, name: v.display_name, key: v.display_key}]
     + [name IN $famous_names | {account: null, name: name,
                                 key: replace(apoc.text.regreplace(toLower(name),
                                                                   '[^\\p{L}\\p{N}]|[^\\x{0}-\\x{FFFF}]', ''),
                                              'ς', 'σ')}]
       AS known
WITH apoc.map.groupByMulti([k IN known WHERE k.account IS NULL], 'key') AS famous_by_key,
     apoc.map.groupByMulti([k IN known WHERE k.account IS NOT NULL], 'key') AS verified_by_key
// Only accounts seen with several names (several_names, marked by the loader) or with a
// known display name can be renamed or impersonators: the others are never read. (Lists,
// not a UNION: its Distinct would hash the two maps with every account.)
CALL (famous_by_key, verified_by_key) {
  OPTIONAL MATCH (name:Name)
  WHERE name.value_key IN keys(famous_by_key) + keys(verified_by_key)
    AND name.kind = 'display_name'
  OPTIONAL MATCH (named:Account)-[:USED_NAME]->(name)
  // An account seen with one name of each kind (the others come from `several`) is listed
  // only if that name impersonates (as below): a famous name that is not its own handle, or
  // a verified account's name, the verified account older and the handle mimicking its
  // handle. Namesakes that do neither (half a million at 10M interactions) stop here, before
  // their names are read.
  WITH named, name
  WHERE any(f IN coalesce(famous_by_key[name.value_key], [])
            WHERE f.key <> coalesce(named.handle_key, ''))
     OR any(v IN coalesce(verified_by_key[name.value_key], [])
            WHERE v.account <> named
              AND coalesce(v.account.created_at
                           < named.created_at - duration({days: $older_days}), false)
              AND named.handle_key IS NOT NULL AND v.account.handle_key IS NOT NULL
              AND (named.handle_key CONTAINS v.account.handle_key
                   OR apoc.text.levenshteinDistance(named.handle_key, v.account.handle_key)
                      <= $lookalike_edits))
  RETURN collect(DISTINCT named) AS named
}
CALL () {
  MATCH (several:Account {several_names: true})
  RETURN collect(several) AS several
}
UNWIND several + [x IN named WHERE x.several_names IS NULL] AS a
WITH famous_by_key, verified_by_key, a
WHERE $collections IS NULL OR any(c IN a.collections WHERE c IN $collections)
// Each account's names in the order they were first seen (the sort of a few rows at a time).
CALL (a) {
  MATCH (a)-[used:USED_NAME]->(name:Name)
  WHERE ($since IS NULL OR used.last_seen IS NULL OR used.last_seen >= datetime($since))
    AND ($until IS NULL OR used.first_seen IS NULL OR used.first_seen < datetime($until))
  WITH used, name ORDER BY used.first_seen
  RETURN collect({kind: name.kind, value: name.value, first_seen: used.first_seen,
                  last_seen: used.last_seen}) AS names,
         collect(CASE WHEN name.kind = 'display_name'
                      THEN {value: name.value, first_seen: used.first_seen,
                            key: name.value_key} END) AS displays
}
WITH famous_by_key, verified_by_key, a, names, displays,
     // handles are case-insensitive: KatyPerry and katyperry are one name
     reduce(seen = [], n IN names |
            CASE WHEN n.kind <> 'screen_name' OR toLower(n.value) IN seen THEN seen
                 ELSE seen + toLower(n.value) END) AS handles
// Most accounts kept one name of each kind and no known one: they go here, before the work.
WHERE size(handles) > 1 OR size(displays) > 1
   OR any(d IN displays WHERE famous_by_key[d.key] IS NOT NULL
                           OR verified_by_key[d.key] IS NOT NULL)
WITH famous_by_key, verified_by_key, a, names, displays, handles,
     coalesce(a.handle_key, '') AS handle_key
WITH a, names,
     size(handles) > 1 OR size(displays) > 1 AS renamed,
     [d IN displays | d {.*,
        // another display name was seen before this one: the account took it by renaming
        taken: any(other IN displays WHERE other.first_seen < d.first_seen),
        famous: [f IN coalesce(famous_by_key[d.key], []) WHERE f.key <> handle_key | f.name],
        twins: [v IN coalesce(verified_by_key[d.key], []) WHERE v.account <> a
                | v.account]}] AS displays
// A namesake impersonates a verified account only with more to show for it than the name.
WITH a, names, renamed,
     [d IN displays | d {.*, twins: [v IN d.twins
        WHERE d.taken
           OR (coalesce(v.created_at < a.created_at - duration({days: $older_days}), false)
               AND (size(d.famous) > 0
                    OR (a.handle_key IS NOT NULL AND v.handle_key IS NOT NULL
                        AND (a.handle_key CONTAINS v.handle_key
                             OR apoc.text.levenshteinDistance(a.handle_key, v.handle_key)
                                <= $lookalike_edits))))]}]
       AS displays
WITH a, names, renamed,
     reduce(found = [], d IN displays |
            found + [x IN d.famous + [v IN d.twins | '@' + coalesce(v.screen_name, v.id)]
                     WHERE NOT x IN found]) AS impersonates,
     any(d IN displays WHERE d.taken AND size(d.famous) + size(d.twins) > 0) AS took_name
WHERE renamed OR size(impersonates) > 0
WITH a, names, impersonates,
     CASE WHEN took_name THEN 4 ELSE 0 END + CASE WHEN a.verified THEN 2 ELSE 0 END
       + CASE WHEN size(impersonates) > 0 THEN 2 ELSE 0 END + CASE WHEN renamed THEN 1 ELSE 0 END
       AS score
RETURN a.screen_name AS screen_name, a.id AS account_id, coalesce(a.verified, false) AS verified,
       names,
       reduce(first = null, n IN names |
              CASE WHEN first IS NULL OR n.first_seen < first THEN n.first_seen ELSE first END)
         AS first_seen,
       reduce(last = null, n IN names |
              CASE WHEN last IS NULL OR n.last_seen > last THEN n.last_seen ELSE last END)
         AS last_seen,
       impersonates, score
ORDER BY score DESC, size(names) DESC, last_seen DESC, screen_name;
