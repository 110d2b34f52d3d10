// Display-name scripts by account creation date: the growth of Cyrillic names
// name: name-scripts-over-time
// description: >
//   For each creation period (day, week, month or year: `bucket`) the accounts created then,
//   split by the script of their display name, and each script's share of the period. A
//   script whose share jumps in the periods just before or during a collection (Cyrillic or
//   Han names in an English-language conversation) marks accounts made for the occasion.
//   The script is the one the display name's letters are written in, as in name-patterns
//   (Latin, Cyrillic, Han, Kana for Japanese, Hangul, Arabic, Thai, Devanagari, Hebrew, Greek,
//   other; 'mixed' when letters of two scripts appear; 'none' without letters). Accounts
//   without a creation date are left out. since/until bound the creation date.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only accounts seen in these collections"}
//   since: {type: datetime, default: null, description: "only accounts created from then on"}
//   until: {type: datetime, default: null, description: "only accounts created before then"}
//   bucket: {type: string, default: day, description: "period length: day, week, month or year"}
// columns: [period, script, accounts, period_accounts, share]
MATCH (a:Account)
WHERE a.created_at IS NOT NULL
  AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
  AND ($since IS NULL OR a.created_at >= datetime($since))
  AND ($until IS NULL OR a.created_at < datetime($until))
// The scripts of the display name's letters (those of the Basic Multilingual Plane: a
// name's other characters never counted), one whole-name pattern each. Most names hold Latin
// letters only, and one pattern settles them.
WITH a, coalesce(a.display_name, '') AS name
WITH a,
     CASE WHEN name =~ '(?s)(?:\\P{L}|\\p{IsLatin}|[^\\x{0}-\\x{FFFF}])*'
          THEN CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsLatin}&&\\x{0}-\\x{FFFF}].*'
                    THEN ['Latin'] ELSE [] END
          ELSE [script IN [
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsLatin}&&\\x{0}-\\x{FFFF}].*' THEN 'Latin' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsCyrillic}&&\\x{0}-\\x{FFFF}].*' THEN 'Cyrillic' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsHan}&&\\x{0}-\\x{FFFF}].*' THEN 'Han' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&[\\p{IsHiragana}\\p{IsKatakana}]&&\\x{0}-\\x{FFFF}].*'
                 THEN 'Kana' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsHangul}&&\\x{0}-\\x{FFFF}].*' THEN 'Hangul' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsArabic}&&\\x{0}-\\x{FFFF}].*' THEN 'Arabic' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsThai}&&\\x{0}-\\x{FFFF}].*' THEN 'Thai' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsDevanagari}&&\\x{0}-\\x{FFFF}].*'
                 THEN 'Devanagari' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsHebrew}&&\\x{0}-\\x{FFFF}].*' THEN 'Hebrew' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\p{IsGreek}&&\\x{0}-\\x{FFFF}].*' THEN 'Greek' END,
            CASE WHEN name =~ '(?s).*[\\p{L}&&\\x{0}-\\x{FFFF}&&[^\\p{IsLatin}\\p{IsCyrillic}\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\p{IsArabic}\\p{IsThai}\\p{IsDevanagari}\\p{IsHebrew}\\p{IsGreek}]].*'
                 THEN 'other' END]
            WHERE script IS NOT NULL] END AS scripts
// Japanese writes Han and Kana together: Han next to Kana is Japanese.
WITH a, CASE WHEN 'Kana' IN scripts THEN [s IN scripts WHERE s <> 'Han'] ELSE scripts END AS scripts
WITH date.truncate($bucket, a.created_at) AS period,
     CASE WHEN size(scripts) > 1 THEN 'mixed'
          WHEN size(scripts) = 1 THEN scripts[0]
          ELSE 'none' END AS script
WITH period, script, count(*) AS accounts
WITH period, collect({script: script, accounts: accounts}) AS scripts, sum(accounts) AS total
UNWIND scripts AS row
RETURN period, row.script AS script, row.accounts AS accounts, total AS period_accounts,
       round(toFloat(row.accounts) / total, 4) AS share
ORDER BY period, accounts DESC, script;
