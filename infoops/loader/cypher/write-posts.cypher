// Write posts
// name: write-posts
// description: >
//   Posts seen in full, with their author. newly_authored lists earlier stubs that only now
//   got an author, and earlier posts whose time moved: whoever interacted with them needs its
//   account-level edges recomputed (a like without a time of its own takes the post's).
//   An earlier post that only now gets its time, or a later one, marks its author
//   StaleAmplification: the time of its first amplified post may move. The author gets the
//   StaleActivity label (derive-activity) when the post is new to it, or when the post may
//   get its time, its kind (an earlier stub, or seen as a post) or its text (and so its
//   script) now. Engagement counts keep the largest value seen (they only grow), the time the
//   latest seen (exports that give minutes, as the IO and IRA CSVs do, cut the time short, so
//   the latest is the most precise), the text the longest seen (v2 and some exports cut a
//   retweet's text short; of two as long, the first in code point order), other fields the
//   first non-null one: any load order gives the same result.
//   Times arrive as ISO-8601 text and are parsed here with datetime(). The script and the
//   format of the text (infoops.analysis.names.post_script and post_format, computed by the
//   writer) go with the text kept.
// parameters:
//   rows: {type: "list[map]", description: "key, platform, id, author, text, script, format, created_at, lang, kind, counts, source, interacts (has links or mentions)"}
//   collection: {type: string}
// columns: [created, newly_authored]
UNWIND $rows AS row
MERGE (p:Post {key: row.key})
ON CREATE SET p.platform = row.platform, p.id = row.id, p.collections = [], p._created = true
WITH p, row, coalesce(p._created, false) AS created, datetime(row.created_at) AS time
WITH p, row, created, time,
     time IS NOT NULL AND (p.created_at IS NULL OR time > p.created_at) AS retimed,
     row.text IS NOT NULL
       AND (p.text IS NULL OR size(row.text) > size(p.text)
            OR (size(row.text) = size(p.text) AND row.text < p.text)) AS retexted
WITH p, row, created, time, retimed, retexted,
     retimed OR retexted OR p.created_at IS NULL OR p.kind IS NULL OR p.kind = 'post'
       AS may_change_activity
REMOVE p._created
SET p.collections = CASE WHEN $collection IN p.collections THEN p.collections
                         ELSE p.collections + $collection END,
    p.text = CASE WHEN retexted THEN row.text ELSE p.text END,
    p.created_at = CASE WHEN retimed THEN time ELSE p.created_at END,
    p.lang = coalesce(p.lang, row.lang),
    p.kind = CASE WHEN p.kind IS NULL OR p.kind = 'post' THEN row.kind ELSE p.kind END,
    p.source = coalesce(p.source, row.source),
    p.like_count = CASE WHEN row.like_count > coalesce(p.like_count, -1) THEN row.like_count ELSE p.like_count END,
    p.retweet_count = CASE WHEN row.retweet_count > coalesce(p.retweet_count, -1) THEN row.retweet_count ELSE p.retweet_count END,
    p.reply_count = CASE WHEN row.reply_count > coalesce(p.reply_count, -1) THEN row.reply_count ELSE p.reply_count END,
    p.quote_count = CASE WHEN row.quote_count > coalesce(p.quote_count, -1) THEN row.quote_count ELSE p.quote_count END,
    p.seen = true
SET p.script = CASE WHEN p.text = row.text THEN row.script ELSE p.script END,
    p.format = CASE WHEN p.text = row.text THEN row.format ELSE p.format END
WITH p, row, created, retimed, may_change_activity,
     EXISTS { (p)<-[:POSTED]-(:Account) } AS had_author
MATCH (author:Account {key: row.author})
MERGE (author)-[:POSTED]->(p)
ON CREATE SET author:StaleActivity
FOREACH (_ IN CASE WHEN row.interacts THEN [1] ELSE [] END | SET author:StaleEdges)
FOREACH (_ IN CASE WHEN retimed AND NOT created THEN [1] ELSE [] END |
  SET author:StaleAmplification)
FOREACH (_ IN CASE WHEN may_change_activity AND NOT created THEN [1] ELSE [] END |
  SET author:StaleActivity)
RETURN count(CASE WHEN created THEN 1 END) AS created,
       collect(DISTINCT CASE WHEN NOT created AND (NOT had_author OR retimed) THEN p.key END)
         AS newly_authored;
