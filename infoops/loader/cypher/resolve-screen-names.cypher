// Resolve screen names to known accounts
// name: resolve-screen-names
// description: >
//   For references that carry only a screen name (IRA "RT @handle", Twint mentions): the key
//   of the known account of that platform with that screen name, if any.
// parameters:
//   names: {type: "list[map]", description: "platform, screen_name_lower"}
// columns: [platform, screen_name_lower, key]
UNWIND $names AS name
MATCH (a:Account {platform: name.platform, screen_name_lower: name.screen_name_lower})
WHERE NOT a.key STARTS WITH name.platform + ':@'
WITH name, a ORDER BY a.profile_seen_at DESC
WITH name, collect(a.key)[0] AS key
RETURN name.platform AS platform, name.screen_name_lower AS screen_name_lower, key;
