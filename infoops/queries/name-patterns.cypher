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
CALL (a) {
  OPTIONAL MATCH (a)-[:POSTED]->(p:Post)
  WHERE p.text IS NOT NULL
    AND ($since IS NULL OR p.created_at >= datetime($since))
    AND ($until IS NULL OR p.created_at < datetime($until))
  WITH p ORDER BY p.created_at DESC LIMIT $content_posts
  // Links, mentions and the retweet marker are Latin whatever language the post is in.
  WITH reduce(text = '', w IN split(replace(p.text, '\n', ' '), ' ') |
              CASE WHEN w STARTS WITH 'http' OR w STARTS WITH '@' OR w = 'RT' THEN text
                   ELSE text + ' ' + w END) AS text
  RETURN collect(text) AS posts
}
// --- handle: the part before a trailing number is what is scored
WITH a, posts, split(coalesce(a.screen_name, ''), '') AS chars
WITH a, posts, chars,
     reduce(last = -1, i IN range(0, size(chars) - 1) |
            CASE WHEN chars[i] >= '0' AND chars[i] <= '9' THEN last ELSE i END) AS last_non_digit
WITH a, posts, chars[0..last_non_digit + 1] AS core, size(chars) - 1 - last_non_digit AS suffix
WITH a, posts, core, suffix,
     [c IN core | CASE WHEN c >= 'a' AND c <= 'z' THEN 'l' WHEN c >= 'A' AND c <= 'Z' THEN 'U'
                       WHEN c >= '0' AND c <= '9' THEN 'd' ELSE 's' END] AS classes
WITH a, posts, core, suffix, classes,
     [k IN ['l', 'U', 'd'] | size([c IN classes WHERE c = k])] AS class_counts,
     // lower→upper humps and letter↔digit switches: a name has one hump a word at most
     size([i IN range(1, size(classes) - 1)
           WHERE (classes[i - 1] = 'l' AND classes[i] = 'U')
              OR (classes[i - 1] = 'd' AND classes[i] IN ['l', 'U'])
              OR (classes[i - 1] IN ['l', 'U'] AND classes[i] = 'd')]) AS switches,
     size([c IN core WHERE toLower(c) IN ['a', 'e', 'i', 'o', 'u', 'y']]) AS vowels,
     reduce(run = [0, 0], c IN core |
            CASE WHEN c =~ '[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]'
                 THEN [run[0] + 1, CASE WHEN run[0] + 1 > run[1] THEN run[0] + 1 ELSE run[1] END]
                 ELSE [0, run[1]] END)[1] AS consonant_run
WITH a, posts, core, suffix, switches, vowels, consonant_run, class_counts,
     class_counts[0] + class_counts[1] AS letters,
     toFloat(class_counts[0] + class_counts[1] + class_counts[2]) AS counted
WITH a, posts, suffix,
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
WITH a, posts, suffix,
     0.7 * evidence[0] + 0.3 * class_mix AS mixing,
     0.7 * evidence[1] + 0.3 * evidence[2] AS unpronounceable,
     evidence[3] AS length_factor
WITH a, posts, suffix,
     length_factor * CASE WHEN mixing > unpronounceable THEN mixing ELSE unpronounceable END
       AS handle_score
// --- scripts: which ones the display name uses, which one each post is mostly written in
WITH a, handle_score, suffix,
     [text IN [coalesce(a.display_name, '')] + posts |
      [c IN split(text, '') WHERE c =~ '\\p{L}' |
       CASE WHEN c =~ '\\p{IsLatin}' THEN 'Latin'
            WHEN c =~ '\\p{IsCyrillic}' THEN 'Cyrillic'
            WHEN c =~ '\\p{IsHan}' THEN 'Han'
            WHEN c =~ '[\\p{IsHiragana}\\p{IsKatakana}]' THEN 'Kana'
            WHEN c =~ '\\p{IsHangul}' THEN 'Hangul'
            WHEN c =~ '\\p{IsArabic}' THEN 'Arabic'
            WHEN c =~ '\\p{IsThai}' THEN 'Thai'
            WHEN c =~ '\\p{IsDevanagari}' THEN 'Devanagari'
            WHEN c =~ '\\p{IsHebrew}' THEN 'Hebrew'
            WHEN c =~ '\\p{IsGreek}' THEN 'Greek'
            ELSE 'other' END]] AS text_letters
// Japanese writes Han and Kana together: Han next to Kana is Japanese.
WITH a, handle_score, suffix,
     [letters IN text_letters |
      CASE WHEN 'Kana' IN letters THEN [x IN letters | CASE x WHEN 'Han' THEN 'Kana' ELSE x END]
           ELSE letters END] AS text_letters
WITH a, handle_score, suffix,
     reduce(seen = [], x IN text_letters[0] | CASE WHEN x IN seen THEN seen ELSE seen + x END)
       AS name_scripts,
     text_letters[1..] AS post_letters
WITH a, handle_score, suffix,
     CASE WHEN size(name_scripts) > 1 THEN 'mixed'
          WHEN size(name_scripts) = 1 THEN name_scripts[0]
          ELSE 'none' END AS name_script,
     // the script of most letters of each post
     [letters IN post_letters WHERE size(letters) > 0 |
      reduce(best = {script: null, n: 0},
             script IN reduce(seen = [], x IN letters |
                              CASE WHEN x IN seen THEN seen ELSE seen + x END) |
             CASE WHEN size([x IN letters WHERE x = script]) > best.n
                  THEN {script: script, n: size([x IN letters WHERE x = script])}
                  ELSE best END).script] AS post_scripts
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
WITH a, handle_score, handle_pattern, name_script, content_script,
     content_script IS NOT NULL AND NOT name_script IN ['none', 'mixed', 'other']
       AND content_script <> 'other' AND name_script <> content_script AS mismatch
RETURN a.screen_name AS screen_name, a.id AS account_id, a.display_name AS display_name,
       CASE WHEN a.screen_name IS NULL THEN null ELSE round(handle_score, 3) END AS handle_score,
       handle_pattern, name_script, content_script, mismatch
ORDER BY CASE WHEN handle_pattern = 'password' THEN 1 ELSE 0 END
         + CASE WHEN mismatch THEN 1 ELSE 0 END DESC,
         handle_score DESC, screen_name;
