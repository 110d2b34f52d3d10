// Write account observations
// name: write-accounts
// description: >
//   One row per account and batch, pre-aggregated by the writer. Profile fields follow the
//   newest observation (profile_seen_at), so any load order gives the same result; every
//   screen and display name seen is kept as name history with its first and last sighting.
//   Times arrive as ISO-8601 text and are parsed here with datetime(). The scores and keys
//   of the names (infoops.analysis.names, computed by the writer for the row's names) are
//   stored with the names they belong to: a row's go in when its name is the one kept, so
//   they follow the newest profile as the names do. several_names marks accounts seen with
//   two screen names or two display names (renamed-accounts starts from them). display_script
//   is the script community-summary counts for the display name ('none': none of its scripts).
// parameters:
//   rows: {type: "list[map]", description: "key, platform, id, profile fields, handle_score, handle_kind, handle_key, name_script, display_key, several_names, seen_at, first_seen, last_seen, names[{kind, value, value_key, first_seen, last_seen}]"}
//   collection: {type: string}
// columns: [created]
UNWIND $rows AS row
MERGE (a:Account {key: row.key})
ON CREATE SET a.platform = row.platform, a.id = row.id, a.collections = [], a._created = true
WITH a, row, coalesce(a._created, false) AS created
REMOVE a._created
WITH a, row, created, a.display_name AS display_before,
     datetime(row.seen_at) IS NOT NULL AND (a.profile_seen_at IS NULL OR datetime(row.seen_at) >= a.profile_seen_at) AS newest
SET a.collections = CASE WHEN $collection IN a.collections THEN a.collections
                         ELSE a.collections + $collection END,
    a.first_seen = CASE WHEN datetime(row.first_seen) IS NOT NULL AND (a.first_seen IS NULL OR datetime(row.first_seen) < a.first_seen)
                        THEN datetime(row.first_seen) ELSE a.first_seen END,
    a.last_seen = CASE WHEN datetime(row.last_seen) IS NOT NULL AND (a.last_seen IS NULL OR datetime(row.last_seen) > a.last_seen)
                       THEN datetime(row.last_seen) ELSE a.last_seen END,
    a.created_at = coalesce(a.created_at, datetime(row.created_at)),
    a.screen_name = CASE WHEN newest OR a.screen_name IS NULL THEN coalesce(row.screen_name, a.screen_name) ELSE a.screen_name END,
    a.display_name = CASE WHEN newest OR a.display_name IS NULL THEN coalesce(row.display_name, a.display_name) ELSE a.display_name END,
    a.followers = CASE WHEN newest OR a.followers IS NULL THEN coalesce(row.followers, a.followers) ELSE a.followers END,
    a.following = CASE WHEN newest OR a.following IS NULL THEN coalesce(row.following, a.following) ELSE a.following END,
    a.verified = CASE WHEN newest OR a.verified IS NULL THEN coalesce(row.verified, a.verified) ELSE a.verified END,
    a.description = CASE WHEN newest OR a.description IS NULL THEN coalesce(row.description, a.description) ELSE a.description END,
    a.location = CASE WHEN newest OR a.location IS NULL THEN coalesce(row.location, a.location) ELSE a.location END,
    a.profile_seen_at = CASE WHEN newest THEN datetime(row.seen_at) ELSE a.profile_seen_at END
SET a.screen_name_lower = toLower(a.screen_name),
    a.handle_score = CASE WHEN a.screen_name = row.screen_name THEN row.handle_score ELSE a.handle_score END,
    a.handle_kind = CASE WHEN a.screen_name = row.screen_name THEN row.handle_kind ELSE a.handle_kind END,
    a.handle_key = CASE WHEN a.screen_name = row.screen_name THEN row.handle_key ELSE a.handle_key END,
    a.name_script = CASE WHEN a.display_name = row.display_name THEN row.name_script ELSE a.name_script END,
    a.display_key = CASE WHEN a.display_name = row.display_name THEN row.display_key ELSE a.display_key END,
    a.several_names = CASE WHEN row.several_names THEN true ELSE a.several_names END,
    // The script community-summary counts: the first of these its display name contains.
    // (Keep in step with community-summary and bulk-finish.) Only for a name new to it.
    a.display_script = CASE WHEN a.display_name = display_before AND a.display_script IS NOT NULL
                            THEN a.display_script
                            ELSE CASE
                              WHEN a.display_name IS NULL THEN null
                              WHEN a.display_name =~ '(?s)[\\p{IsLatin}\\p{IsCommon}\\p{IsInherited}]*\\p{IsLatin}[\\p{IsLatin}\\p{IsCommon}\\p{IsInherited}]*'
                                THEN 'Latin'
                              WHEN a.display_name =~ '(?s).*[\\p{IsHiragana}\\p{IsKatakana}].*' THEN 'Japanese'
                              WHEN a.display_name =~ '(?s).*\\p{IsHan}.*' THEN 'Han'
                              WHEN a.display_name =~ '(?s).*\\p{IsHangul}.*' THEN 'Hangul'
                              WHEN a.display_name =~ '(?s).*\\p{IsCyrillic}.*' THEN 'Cyrillic'
                              WHEN a.display_name =~ '(?s).*\\p{IsArabic}.*' THEN 'Arabic'
                              WHEN a.display_name =~ '(?s).*\\p{IsHebrew}.*' THEN 'Hebrew'
                              WHEN a.display_name =~ '(?s).*\\p{IsGreek}.*' THEN 'Greek'
                              WHEN a.display_name =~ '(?s).*\\p{IsThai}.*' THEN 'Thai'
                              WHEN a.display_name =~ '(?s).*\\p{IsDevanagari}.*' THEN 'Devanagari'
                              WHEN a.display_name =~ '(?s).*\\p{IsLatin}.*' THEN 'Latin'
                              ELSE 'none' END END
WITH a, row, created
CALL (a, row) {
  UNWIND row.names AS name
  MERGE (n:Name {key: name.kind + ':' + name.value})
  ON CREATE SET n.kind = name.kind, n.value = name.value, n.value_lower = toLower(name.value),
                n.value_key = name.value_key
  MERGE (a)-[u:USED_NAME]->(n)
  SET u.first_seen = CASE WHEN datetime(name.first_seen) IS NOT NULL AND (u.first_seen IS NULL OR datetime(name.first_seen) < u.first_seen)
                          THEN datetime(name.first_seen) ELSE u.first_seen END,
      u.last_seen = CASE WHEN datetime(name.last_seen) IS NOT NULL AND (u.last_seen IS NULL OR datetime(name.last_seen) > u.last_seen)
                         THEN datetime(name.last_seen) ELSE u.last_seen END
}
// A known account's names may now add up to several (a new account's are all in its row).
CALL (a, row, created) {
  WITH a WHERE NOT created AND a.several_names IS NULL AND size(row.names) > 0
  MATCH (a)-[:USED_NAME]->(n:Name)
  WITH a, count(CASE WHEN n.kind = 'screen_name' THEN 1 END) AS handles,
       count(CASE WHEN n.kind = 'display_name' THEN 1 END) AS displays
  WHERE handles > 1 OR displays > 1
  SET a.several_names = true
}
RETURN count(CASE WHEN created THEN 1 END) AS created;
