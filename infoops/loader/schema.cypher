// Schema: constraints and indexes of the infoops graph
// name: schema
// description: >
//   Uniqueness constraints for every node key and the indexes investigations use.
//   Idempotent (IF NOT EXISTS); the loader runs it before writing anything.
// columns: []
CREATE CONSTRAINT account_key IF NOT EXISTS FOR (a:Account) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT post_key IF NOT EXISTS FOR (p:Post) REQUIRE p.key IS UNIQUE;
CREATE CONSTRAINT hashtag_name IF NOT EXISTS FOR (h:Hashtag) REQUIRE h.name IS UNIQUE;
CREATE CONSTRAINT url_url IF NOT EXISTS FOR (u:Url) REQUIRE u.url IS UNIQUE;
CREATE CONSTRAINT domain_name IF NOT EXISTS FOR (d:Domain) REQUIRE d.name IS UNIQUE;
CREATE CONSTRAINT name_key IF NOT EXISTS FOR (n:Name) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT collection_name IF NOT EXISTS FOR (c:Collection) REQUIRE c.name IS UNIQUE;
CREATE CONSTRAINT load_id IF NOT EXISTS FOR (l:Load) REQUIRE l.id IS UNIQUE;
CREATE INDEX account_screen_name_lower IF NOT EXISTS FOR (a:Account) ON (a.platform, a.screen_name_lower);
CREATE INDEX account_created_at IF NOT EXISTS FOR (a:Account) ON (a.created_at);
// evidence (and anyone naming an account) finds it by id or by screen name, on any platform.
CREATE INDEX account_id IF NOT EXISTS FOR (a:Account) ON (a.id);
CREATE INDEX account_name_lower IF NOT EXISTS FOR (a:Account) ON (a.screen_name_lower);
// great-retweet and the amplifier-pool packs find the amplified accounts without a scan.
CREATE INDEX account_amplifiers IF NOT EXISTS FOR (a:Account) ON (a.amplifiers);
// communities lists its posters and amplifiers (a few thousand of 200,000 accounts at 1M
// interactions), and clears their roles before each run.
CREATE INDEX account_role IF NOT EXISTS FOR (a:Account) ON (a.role);
CREATE INDEX post_created_at IF NOT EXISTS FOR (p:Post) ON (p.created_at);
// The topic packs start from the posts someone retweeted, liked, replied to or quoted (one post
// in seven at 1M interactions), without reading every post.
CREATE INDEX post_acted_on IF NOT EXISTS FOR (p:Post) ON (p.acted_on);
CREATE INDEX name_value IF NOT EXISTS FOR (n:Name) ON (n.value_lower);
// renamed-accounts starts from the accounts seen with several names and from the display
// names whose key (infoops.analysis.names.name_key) is a known name.
CREATE INDEX account_several_names IF NOT EXISTS FOR (a:Account) ON (a.several_names);
// ... and from the verified accounts (a few hundred of 200,000 at 1M interactions).
CREATE INDEX account_verified IF NOT EXISTS FOR (a:Account) ON (a.verified);
// cross-platform looks up the accounts of each normalised name.
CREATE INDEX account_handle_key IF NOT EXISTS FOR (a:Account) ON (a.handle_key);
CREATE INDEX account_display_key IF NOT EXISTS FOR (a:Account) ON (a.display_key);
CREATE INDEX name_value_key IF NOT EXISTS FOR (n:Name) ON (n.value_key);
// post-formats reads the posts of some kinds with their format from the index alone,
// without reading the properties of every retweet.
CREATE INDEX post_kind_format IF NOT EXISTS FOR (p:Post) ON (p.kind, p.format);
// Every index online before anything reads through it.
CALL db.awaitIndexes(300);
