// Name patterns: password-like handles, display-name scripts, names that do not match the content
// name: name-patterns
// description: >
//   One row per flagged account: a password-like handle or a mismatch, as below
//   (flagged_only: false lists every account with a name, some 200,000 rows at a million
//   interactions). handle_score (0-1) says how much the screen name looks like
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
//   content script of an account with few posts is noisy. The scores (handle, display-name
//   script, each post's script) are computed once, at load time, by infoops.analysis.names.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only accounts seen in these collections"}
//   since: {type: datetime, default: null, description: "only accounts that posted from then on, and only those posts for content_script"}
//   until: {type: datetime, default: null, description: "only accounts that posted before then, and only those posts for content_script"}
//   random_threshold: {type: float, default: 0.5, description: "handle_score from which a handle's pattern is 'password'"}
//   content_posts: {type: int, default: 10, description: "newest posts per account read for content_script"}
//   flagged_only: {type: bool, default: true, description: "only accounts with a password-like handle or a mismatch; false lists every account"}
// columns: [screen_name, account_id, display_name, handle_score, handle_pattern, name_script, content_script, mismatch]
MATCH (a:Account)
WHERE ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
  AND (a.screen_name IS NOT NULL OR a.display_name IS NOT NULL)
  AND (($since IS NULL AND $until IS NULL) OR EXISTS {
    MATCH (a)-[:POSTED]->(p:Post)
    WHERE ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
  })
// --- content: the script most of the newest posts are written in. Unscoped with the default
// content_posts (10), what the loader stored (Account.content_script, derive-activity: the
// same vote over the same posts, kept exact across loads); otherwise from the posts.
CALL (a) {
  WITH a
  WHERE $since IS NULL AND $until IS NULL AND $content_posts = 10
  RETURN a.content_script AS content_script
  UNION ALL
  WITH a
  WHERE NOT ($since IS NULL AND $until IS NULL AND coalesce($content_posts = 10, false))
  // p.script, stored by the loader for every post with text: links, mentions and the retweet
  // marker left out, the script with the most letters (Han next to Kana is Japanese), 'none'
  // without letters. (Testing it rather than the text spares reading the text.) Newest first
  // (a post without a time sorts first), ties by key. (POSTED leads to posts only; without a
  // label the planner cannot read every post in time order through the index instead.)
  CALL (a) {
    OPTIONAL MATCH (a)-[:POSTED]->(p)
    WHERE p.script IS NOT NULL
      AND ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
    WITH p ORDER BY p.created_at DESC, p.key LIMIT $content_posts
    RETURN collect(CASE WHEN p.script <> 'none' THEN p.script END) AS post_scripts
  }
  // Each post votes once, so long Latin posts do not outweigh dense Chinese ones, and a tie
  // goes to the script of the newer post.
  RETURN reduce(best = {script: null, votes: 0}, script IN post_scripts |
                CASE WHEN size([x IN post_scripts WHERE x = script]) > best.votes
                     THEN {script: script, votes: size([x IN post_scripts WHERE x = script])}
                     ELSE best END).script AS content_script
}
WITH a, coalesce(a.handle_score, 0.0) AS handle_score,
     coalesce(a.name_script, 'none') AS name_script, content_script
// a.handle_kind is the pattern short of 'password': 'default', 'name_digits' or 'name'.
WITH a, handle_score, content_script, name_script,
     CASE WHEN a.screen_name IS NULL THEN null
          WHEN a.handle_kind = 'default' THEN 'default'
          WHEN handle_score >= $random_threshold THEN 'password'
          ELSE a.handle_kind END AS handle_pattern
WITH a, handle_score, handle_pattern, name_script, content_script,
     content_script IS NOT NULL AND NOT name_script IN ['none', 'mixed', 'other']
       AND content_script <> 'other' AND name_script <> content_script AS mismatch
WHERE NOT $flagged_only OR handle_pattern = 'password' OR mismatch
RETURN a.screen_name AS screen_name, a.id AS account_id, a.display_name AS display_name,
       CASE WHEN a.screen_name IS NULL THEN null ELSE round(handle_score, 3) END AS handle_score,
       handle_pattern, name_script, content_script, mismatch
ORDER BY CASE WHEN handle_pattern = 'password' THEN 1 ELSE 0 END
         + CASE WHEN mismatch THEN 1 ELSE 0 END DESC,
         handle_score DESC, screen_name;
