// Derive the posting activity of accounts
// name: derive-activity
// description: >
//   Recomputes, for every account marked StaleActivity (then unmarks it), in transactions of
//   $batch_size accounts run side by side, what activity-hours and activity-summary read when
//   unscoped, so they need not go through the post level: activity_slots, the quarter-hours
//   (UTC epoch seconds / 900) in which it posted, and activity_counts, its posts in each
//   (parallel lists; none without a dated post); posts_written, its originals, quotes and
//   replies; acts_given, the retweets and likes it gave (the counts of its RETWEETED and
//   LIKED_POST_OF edges); and content_script, what name-patterns reads when unscoped with its
//   default content_posts (10): the script most of its 10 newest posts with a script are
//   written in, the same vote as that pack's (keep the two in step). Zeros and nulls are not
//   stored (an account never derived has none either). Marked: the authors of a post when the
//   post is attached to them, gets its time, its kind or its text (write-posts) or its script
//   (write-name-scores), and every account derive-account-edges derives (its edges, merges,
//   dropped collections).
// parameters:
//   batch_size: {type: int, default: 500}
// columns: []
MATCH (a:StaleActivity)
CALL (a) {
  REMOVE a:StaleActivity
  WITH a
  // POSTED leads to posts only. No :Post label on them: with it, a plan made while the index
  // statistics are those of an emptier store (right after a load) may read every post in
  // time order through the index for each account, instead of the account's own posts.
  CALL (a) {
    MATCH (a)-[:POSTED]->(p)
    WHERE p.created_at IS NOT NULL
    WITH p.created_at.epochSeconds / 900 AS slot, count(*) AS posts
    // In time order: the same lists whatever order the posts were stored in.
    ORDER BY slot
    RETURN collect(slot) AS slots, collect(posts) AS counts
  }
  WITH a, slots, counts,
       COUNT { (a)-[:POSTED]->(own) WHERE own.kind IN ['post', 'quote', 'reply'] } AS written
  CALL (a) {
    OPTIONAL MATCH (a)-[given:RETWEETED|LIKED_POST_OF]->()
    RETURN sum(given.count) AS acts_given
  }
  // As name-patterns reads the posts: newest first (a post without a time sorts first), ties
  // by key; each post votes once and a tie goes to the script of the newer post.
  CALL (a) {
    OPTIONAL MATCH (a)-[:POSTED]->(p)
    WHERE p.script IS NOT NULL
    WITH p ORDER BY p.created_at DESC, p.key LIMIT 10
    WITH collect(CASE WHEN p.script <> 'none' THEN p.script END) AS post_scripts
    RETURN reduce(best = {script: null, votes: 0}, script IN post_scripts |
                  CASE WHEN size([x IN post_scripts WHERE x = script]) > best.votes
                       THEN {script: script, votes: size([x IN post_scripts WHERE x = script])}
                       ELSE best END).script AS content_script
  }
  SET a.activity_slots = CASE WHEN size(slots) > 0 THEN slots END,
      a.activity_counts = CASE WHEN size(slots) > 0 THEN counts END,
      a.posts_written = CASE WHEN written > 0 THEN written END,
      a.acts_given = CASE WHEN acts_given > 0 THEN acts_given END,
      a.content_script = content_script
// Each transaction writes only its own accounts, so none waits for another's locks: as many
// run at once as the server has cores.
} IN CONCURRENT TRANSACTIONS OF $batch_size ROWS;
