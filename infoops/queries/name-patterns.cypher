// Name patterns: password-like handles, display-name scripts, names that do not match the content
// name: name-patterns
// description: >
//   One row per account. handle_score (0-1) says how much the screen name looks like
//   password-generator output: case humps and letter/digit switches inside the handle and an
//   even mix of lower case, upper case and digits, or else unpronounceable consonant runs and
//   few vowels; damped for handles shorter than seven characters. A trailing number (a birth
//   year, a counter) is left out of the score, as people add those. handle_pattern:
//   'password' (score at or above random_threshold); 'default' (the platform's suggestion, up
//   to seven letters and eight digits: organic accounts keep it too, so it is reported on its
//   own and its digits do not count as random); 'name_digits' (a name and a number); 'name'.
//   name_script: the script the display name's letters are written in (Latin, Cyrillic, Han,
//   Kana for Japanese, Hangul, Arabic, Thai, Devanagari, Hebrew, Greek, other; 'mixed' when
//   letters of two scripts appear; 'none' without letters). content_script: the script most
//   of the account's newest posts are written in (retweets included, as they are what it
//   pushes; links and mentions left out; each post votes once). mismatch: both are known and
//   differ (Cyrillic names posting Chinese). Rows with a password-like handle and a mismatch
//   come first, then by handle_score. Caveats: leetspeak handles (h0tgrl99) score high; the
//   content script of an account with few posts is noisy.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only accounts seen in these collections"}
//   since: {type: datetime, default: null, description: "only accounts that posted from then on, and only those posts for content_script"}
//   until: {type: datetime, default: null, description: "only accounts that posted before then, and only those posts for content_script"}
//   random_threshold: {type: float, default: 0.5, description: "handle_score from which a handle's pattern is 'password'"}
//   content_posts: {type: int, default: 10, description: "newest posts per account read for content_script"}
// columns: [screen_name, account_id, display_name, handle_score, handle_pattern, name_script, content_script, mismatch]
MATCH (a:Account)
WHERE ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
  AND (a.screen_name IS NOT NULL OR a.display_name IS NOT NULL)
  AND (($since IS NULL AND $until IS NULL) OR EXISTS {
    MATCH (a)-[:POSTED]->(p:Post)
    WHERE ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
  })
// --- content: the script each of the newest posts is mostly written in, newest first
CALL (a) {
  OPTIONAL MATCH (a)-[:POSTED]->(p:Post)
  WHERE p.text IS NOT NULL
    AND ($since IS NULL OR p.created_at >= datetime($since))
    AND ($until IS NULL OR p.created_at < datetime($until))
  WITH p ORDER BY p.created_at DESC LIMIT $content_posts
  // Links, mentions and the retweet marker are Latin whatever language the post is in: the
  // words that start with http or @, and RT, are left out. What counts is the post's letters
  // (those of the Basic Multilingual Plane, as always), in order.
  // (One pass: a word that starts with http or @, or is RT, goes whole; any other character
  // that is no letter goes alone.)
  WITH apoc.text.regreplace(p.text,
         '(?:^|(?<=[ \\n]))(?:(?:http|@)[^ \\n]*|RT(?=[ \\n]|\\z))|\\P{L}|[^\\x{0}-\\x{FFFF}]', '')
       AS letters
  WHERE letters <> ''
  // Most posts are written in one script; otherwise its letters are counted per script
  // (Han next to Kana is Japanese), the largest count wins, and a tie goes to the script
  // that appears first.
  WITH letters,
       CASE WHEN letters =~ '\\p{IsLatin}*' THEN 'Latin'
            WHEN letters =~ '\\p{IsHan}*' THEN 'Han'
            WHEN letters =~ '\\p{IsCyrillic}*' THEN 'Cyrillic' END AS single
  WITH letters, single,
       CASE WHEN single IS NULL THEN
         [s IN [['Latin', '\\p{IsLatin}'], ['Cyrillic', '\\p{IsCyrillic}'], ['Han', '\\p{IsHan}'],
                ['Kana', '[\\p{IsHiragana}\\p{IsKatakana}]'], ['Hangul', '\\p{IsHangul}'],
                ['Arabic', '\\p{IsArabic}'], ['Thai', '\\p{IsThai}'],
                ['Devanagari', '\\p{IsDevanagari}'], ['Hebrew', '\\p{IsHebrew}'],
                ['Greek', '\\p{IsGreek}'],
                ['other', '[^\\p{IsLatin}\\p{IsCyrillic}\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\p{IsArabic}\\p{IsThai}\\p{IsDevanagari}\\p{IsHebrew}\\p{IsGreek}]']] |
          {script: s[0], pattern: s[1],
           n: size(letters) - size(apoc.text.regreplace(letters, s[1], ''))}] END AS counts
  WITH letters, single, counts, single IS NULL AND counts[3].n > 0 AS japanese
  WITH letters, single,
       [s IN coalesce(counts, []) WHERE s.n > 0 AND NOT (japanese AND s.script = 'Han') |
        CASE WHEN japanese AND s.script = 'Kana'
             THEN {script: 'Kana', n: s.n + counts[2].n,
                   pattern: '[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]'}
             ELSE s END] AS present
  WITH letters, single, present,
       reduce(top = 0, s IN present | CASE WHEN s.n > top THEN s.n ELSE top END) AS top
  WITH letters, single, [s IN present WHERE s.n = top] AS leaders
  WITH coalesce(single,
                CASE WHEN size(leaders) = 1 THEN leaders[0].script
                     ELSE reduce(best = null, s IN [l IN leaders | l {.script,
                                 first: size(apoc.text.regreplace(letters, '(?s)' + l.pattern + '.*', ''))}] |
                                 CASE WHEN best IS NULL OR s.first < best.first THEN s ELSE best END
                          ).script END) AS script
  RETURN collect(script) AS post_scripts
}
// --- handle: the part before a trailing number is what is scored
WITH a, post_scripts, split(coalesce(a.screen_name, ''), '') AS chars
WITH a, post_scripts, chars,
     reduce(last = -1, i IN range(0, size(chars) - 1) |
            CASE WHEN chars[i] >= '0' AND chars[i] <= '9' THEN last ELSE i END) AS last_non_digit
WITH a, post_scripts, chars[0..last_non_digit + 1] AS core, size(chars) - 1 - last_non_digit AS suffix
WITH a, post_scripts, core, suffix,
     [c IN core | CASE WHEN c >= 'a' AND c <= 'z' THEN 'l' WHEN c >= 'A' AND c <= 'Z' THEN 'U'
                       WHEN c >= '0' AND c <= '9' THEN 'd' ELSE 's' END] AS classes
WITH a, post_scripts, core, suffix, classes,
     [k IN ['l', 'U', 'd'] | size([c IN classes WHERE c = k])] AS class_counts,
     // lower→upper humps and letter↔digit switches: a name has one hump a word at most
     size([i IN range(1, size(classes) - 1)
           WHERE (classes[i - 1] = 'l' AND classes[i] = 'U')
              OR (classes[i - 1] = 'd' AND classes[i] IN ['l', 'U'])
              OR (classes[i - 1] IN ['l', 'U'] AND classes[i] = 'd')]) AS switches,
     size([c IN core WHERE toLower(c) IN ['a', 'e', 'i', 'o', 'u', 'y']]) AS vowels,
     // the longest run of consonants (the handle before its trailing number, cut at others)
     reduce(run = 0, part IN split(apoc.text.regreplace(
                                     apoc.text.regreplace(coalesce(a.screen_name, ''), '[0-9]+\\z', ''),
                                     '[^b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]', ' '), ' ') |
            CASE WHEN size(part) > run THEN size(part) ELSE run END) AS consonant_run
WITH a, post_scripts, core, suffix, switches, vowels, consonant_run, class_counts,
     class_counts[0] + class_counts[1] AS letters,
     toFloat(class_counts[0] + class_counts[1] + class_counts[2]) AS counted
WITH a, post_scripts, suffix,
     // 1 when lower case, upper case and digits are a third each (entropy over log 3)
     CASE WHEN counted = 0 THEN 0.0 ELSE -reduce(h = 0.0, k IN class_counts |
          h + CASE WHEN k = 0 THEN 0.0 ELSE (k / counted) * log(k / counted) END) / log(3.0)
     END AS class_mix,
     // Clamped to 0-1. A camel-cased name switches about once a word (rate ≈ 0.15), random
     // text about 0.4 times a character. Names rarely run more than four consonants.
     [x IN [(toFloat(switches) / CASE WHEN size(core) > 1 THEN size(core) - 1 ELSE 1 END
             - 0.12) / 0.2,
            (consonant_run - 4) / 2.0,
            CASE WHEN letters >= 5 THEN (0.25 - toFloat(vowels) / letters) / 0.15 ELSE 0.0 END,
            (size(core) - 3) / 4.0] |
      CASE WHEN x < 0 THEN 0.0 WHEN x > 1 THEN 1.0 ELSE x END] AS evidence
WITH a, post_scripts, suffix,
     0.7 * evidence[0] + 0.3 * class_mix AS mixing,
     0.7 * evidence[1] + 0.3 * evidence[2] AS unpronounceable,
     evidence[3] AS length_factor
WITH a, post_scripts, suffix,
     length_factor * CASE WHEN mixing > unpronounceable THEN mixing ELSE unpronounceable END
       AS handle_score
// --- the display name's scripts (as in name-scripts-over-time): one whole-name pattern
// each; most names hold Latin letters only, and one pattern settles them.
WITH a, handle_score, suffix, post_scripts, coalesce(a.display_name, '') AS name
WITH a, handle_score, suffix, post_scripts,
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
            WHERE script IS NOT NULL] END AS name_scripts
// Japanese writes Han and Kana together: Han next to Kana is Japanese.
WITH a, handle_score, suffix, post_scripts,
     CASE WHEN 'Kana' IN name_scripts THEN [s IN name_scripts WHERE s <> 'Han']
          ELSE name_scripts END AS name_scripts
WITH a, handle_score, suffix, post_scripts,
     CASE WHEN size(name_scripts) > 1 THEN 'mixed'
          WHEN size(name_scripts) = 1 THEN name_scripts[0]
          ELSE 'none' END AS name_script
// Each post votes once, so long Latin posts do not outweigh dense Chinese ones, and a tie
// goes to the script of the newer post.
WITH a, handle_score, suffix, name_script,
     reduce(best = {script: null, votes: 0}, script IN post_scripts |
            CASE WHEN size([x IN post_scripts WHERE x = script]) > best.votes
                 THEN {script: script, votes: size([x IN post_scripts WHERE x = script])}
                 ELSE best END).script AS content_script
WITH a, handle_score, content_script, name_script,
     CASE WHEN a.screen_name IS NULL THEN null
          WHEN a.screen_name =~ '[A-Za-z][A-Za-z_]{0,6}[0-9]{8}' THEN 'default'
          WHEN handle_score >= $random_threshold THEN 'password'
          WHEN suffix > 0 THEN 'name_digits'
          ELSE 'name' END AS handle_pattern
// Fresh rows for the sort (an aggregation keeps only what it groups): the letter lists above
// would otherwise be sorted along with every account.
WITH a, handle_score, handle_pattern, name_script, content_script, count(*) AS rows
WITH a, handle_score, handle_pattern, name_script, content_script,
     content_script IS NOT NULL AND NOT name_script IN ['none', 'mixed', 'other']
       AND content_script <> 'other' AND name_script <> content_script AS mismatch
RETURN a.screen_name AS screen_name, a.id AS account_id, a.display_name AS display_name,
       CASE WHEN a.screen_name IS NULL THEN null ELSE round(handle_score, 3) END AS handle_score,
       handle_pattern, name_script, content_script, mismatch
ORDER BY CASE WHEN handle_pattern = 'password' THEN 1 ELSE 0 END
         + CASE WHEN mismatch THEN 1 ELSE 0 END DESC,
         handle_score DESC, screen_name;
