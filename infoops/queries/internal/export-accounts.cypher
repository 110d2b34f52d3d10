// Accounts of the interaction graph with the attributes an export carries
// name: export-accounts
// description: >
//   One row per account chosen by the filters (a null filter chooses every account): its key
//   (platform:id, the node id in GEXF/GraphML), names, the scores the communities pack wrote
//   (community, role, hub, authority; null before it ran), profile counts, creation time and
//   the script of its display name, as in name-patterns (Latin, Cyrillic, Han, Kana for
//   Japanese, Hangul, Arabic, Thai, Devanagari, Hebrew, Greek, other; 'mixed' when letters
//   of two scripts appear; 'none' without letters). Used by `infoops export` and the report's
//   network picture.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only accounts seen in these collections"}
//   account_keys: {type: "list[string]", default: null, description: "only these accounts (platform:id keys)"}
//   account_ids: {type: "list[string]", default: null, description: "only accounts with these platform ids"}
//   communities: {type: "list[int]", default: null, description: "only accounts of these communities"}
//   roles: {type: "list[string]", default: null, description: "only accounts with these roles (poster, amplifier, other)"}
// columns: [key, screen_name, account_id, platform, display_name, community, role, hub, authority, created_at, followers, following, verified, name_script]
CALL () {
  // Keys come from the edges of a whole-graph export: look them up through the key constraint.
  WITH 1 AS by_key
  WHERE $account_keys IS NOT NULL
  UNWIND $account_keys AS key
  MATCH (a:Account {key: key})
  RETURN a
  UNION
  WITH 1 AS by_scan
  WHERE $account_keys IS NULL
  MATCH (a:Account)
  RETURN a
}
WITH a
WHERE ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
  AND ($account_ids IS NULL OR a.id IN $account_ids)
  AND ($communities IS NULL OR a.community IN $communities)
  AND ($roles IS NULL OR a.role IN $roles)
WITH a,
     [s IN [['Latin', '\\p{IsLatin}'], ['Cyrillic', '\\p{IsCyrillic}'], ['Han', '\\p{IsHan}'],
            ['Kana', '[\\p{IsHiragana}\\p{IsKatakana}]'], ['Hangul', '\\p{IsHangul}'],
            ['Arabic', '\\p{IsArabic}'], ['Thai', '\\p{IsThai}'],
            ['Devanagari', '\\p{IsDevanagari}'], ['Hebrew', '\\p{IsHebrew}'],
            ['Greek', '\\p{IsGreek}']]
      WHERE a.display_name =~ '(?s).*' + s[1] + '.*' | s[0]] AS scripts
// Japanese writes Han and Kana together: Han next to Kana is Japanese.
WITH a, CASE WHEN 'Kana' IN scripts THEN [s IN scripts WHERE s <> 'Han'] ELSE scripts END AS scripts
RETURN a.key AS key, a.screen_name AS screen_name, a.id AS account_id, a.platform AS platform,
       a.display_name AS display_name, a.community AS community, a.role AS role,
       a.hub AS hub, a.authority AS authority, a.created_at AS created_at,
       a.followers AS followers, a.following AS following, a.verified AS verified,
       CASE WHEN size(scripts) > 1 THEN 'mixed'
            WHEN size(scripts) = 1 THEN scripts[0]
            WHEN a.display_name =~ '(?s).*\\p{L}.*' THEN 'other'
            ELSE 'none' END AS name_script
ORDER BY key;
