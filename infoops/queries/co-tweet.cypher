// Co-tweet: near-identical texts posted by different accounts
// name: co-tweet
// description: >
//   Posts of the given $kinds (original posts by default: stock replies such as "totally
//   agree" are common in any conversation) are grouped by their normalised text: lower case,
//   without URLs, @mentions, punctuation, symbols (emoji), marks and whitespace, so a
//   template filled in with other emoji, hash signs or spacing still matches. Texts shorter
//   than $min_length characters once normalised are left out (they match by chance).
//   With $similarity below 1, normalised texts that share their first $block_chars characters
//   are merged too: from the most posted down, each text joins the first group whose leading
//   text it resembles with a Sorensen-Dice similarity (APOC) of at least $similarity, or leads
//   a group of its own; each block compares at most its $max_block_texts most posted texts,
//   which keeps the work bounded. A group is listed when at least $min_accounts distinct
//   accounts posted it: text is its most posted original text, accounts and posts its size,
//   first_at and last_at its span, screen_names ten of its accounts.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only posts of these collections"}
//   since: {type: datetime, default: null, description: "only posts at or after this time"}
//   until: {type: datetime, default: null, description: "only posts before this time"}
//   kinds: {type: "list[string]", default: [post], description: "kinds of post compared: post, reply, quote"}
//   min_accounts: {type: int, default: 2, description: "fewest distinct accounts behind a text"}
//   min_length: {type: int, default: 12, description: "shortest normalised text considered"}
//   similarity: {type: float, default: 1.0, description: "Sorensen-Dice similarity that merges texts (1: exact after normalisation)"}
//   block_chars: {type: int, default: 4, description: "leading characters two texts must share to be compared"}
//   max_block_texts: {type: int, default: 200, description: "most texts compared within a block"}
// columns: [text, accounts, posts, first_at, last_at, normalized_text, screen_names]
MATCH (account:Account)-[:POSTED]->(post:Post)
WHERE post.text IS NOT NULL AND coalesce(post.kind, 'post') IN $kinds
  AND ($collections IS NULL OR any(c IN post.collections WHERE c IN $collections))
  AND ($since IS NULL OR post.created_at >= datetime($since))
  AND ($until IS NULL OR post.created_at < datetime($until))
WITH account, post,
     apoc.text.replace(
       apoc.text.replace(toLower(post.text), '(https?://|www\\.)\\S+|@\\w+', ''),
       '[\\p{P}\\p{S}\\p{Z}\\p{C}\\p{M}\\s]+', '') AS normalized
WHERE size(normalized) >= $min_length
WITH normalized, collect({account: account, post: post}) AS items
WITH normalized, items, substring(normalized, 0, $block_chars) AS block
ORDER BY size(items) DESC, normalized
// Merge near-identical texts within a block: each text joins the first more frequent text it
// resembles, or leads a group of its own.
WITH block, collect({normalized: normalized, items: items}) AS texts
WITH block, texts[..$max_block_texts] AS compared, texts[$max_block_texts..] AS uncompared
WITH block, uncompared,
     CASE WHEN $similarity >= 1.0 THEN [t IN compared | {leader: t.normalized, items: t.items}]
     ELSE reduce(state = {leaders: [], grouped: []}, t IN compared |
       [leader IN [[l IN state.leaders
                    WHERE apoc.text.sorensenDiceSimilarity(l, t.normalized) >= $similarity][0]] |
         CASE WHEN leader IS NULL
         THEN {leaders: state.leaders + t.normalized,
               grouped: state.grouped + [{leader: t.normalized, items: t.items}]}
         ELSE {leaders: state.leaders,
               grouped: state.grouped + [{leader: leader, items: t.items}]} END][0]
     ).grouped END AS grouped
UNWIND grouped + [t IN uncompared | {leader: t.normalized, items: t.items}] AS group
UNWIND group.items AS item
WITH group.leader AS normalized, item.account AS account, item.post AS post
WITH normalized, count(DISTINCT account) AS accounts, count(DISTINCT post) AS posts,
     min(post.created_at) AS first_at, max(post.created_at) AS last_at,
     collect(DISTINCT account.screen_name)[..10] AS screen_names, collect(post.text) AS texts
WHERE accounts >= $min_accounts
CALL (texts) {
  UNWIND texts AS text
  WITH text, count(*) AS n
  ORDER BY n DESC, text
  RETURN collect(text)[0] AS text
}
RETURN text, accounts, posts, first_at, last_at, normalized AS normalized_text, screen_names
ORDER BY accounts DESC, posts DESC, normalized_text;
