// Finish a bulk load
// name: bulk-finish
// description: >
//   After neo4j-admin import and the schema: lower-cased screen names and name values become
//   exactly what Cypher's toLower makes of them, as the incremental path stores them (the
//   import files carry Python's lower-casing, which differs for a few non-ASCII letters).
//   Each display name gets its display_script, as write-accounts computes it (Cypher's
//   regular expressions, not Python's). The import brought the account-level edges and marked
//   every account StaleAmplification and StaleActivity, for the derivation steps that follow.
// columns: []
MATCH (a:Account)
WHERE a.screen_name_lower <> toLower(a.screen_name)
CALL (a) { SET a.screen_name_lower = toLower(a.screen_name) } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n:Name)
WHERE n.value_lower <> toLower(n.value)
CALL (n) { SET n.value_lower = toLower(n.value) } IN TRANSACTIONS OF 10000 ROWS;
// (Keep in step with write-accounts and community-summary.)
MATCH (a:Account)
WHERE a.display_name IS NOT NULL
CALL (a) {
  SET a.display_script = CASE
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
    ELSE 'none' END
} IN TRANSACTIONS OF 10000 ROWS;
