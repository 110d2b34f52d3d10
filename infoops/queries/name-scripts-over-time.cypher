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
//   without a creation date are left out. since/until bound the creation date. The script is
//   computed once, at load time, by infoops.analysis.names.
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
WITH date.truncate($bucket, a.created_at) AS period, coalesce(a.name_script, 'none') AS script
WITH period, script, count(*) AS accounts
WITH period, collect({script: script, accounts: accounts}) AS scripts, sum(accounts) AS total
UNWIND scripts AS row
RETURN period, row.script AS script, row.accounts AS accounts, total AS period_accounts,
       round(toFloat(row.accounts) / total, 4) AS share
ORDER BY period, accounts DESC, script;
