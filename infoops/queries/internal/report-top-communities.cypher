// The communities that hold the most posters and amplifiers
// name: report-top-communities
// description: >
//   From the properties the communities pack wrote (Account.community and Account.role): the
//   communities with posters, most posters first (then amplifiers, then size), with their
//   accounts, posters and amplifiers. The report draws the poster/amplifier stars of these.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only accounts seen in these collections"}
//   top: {type: int, default: 3, description: "how many communities"}
// columns: [community, accounts, posters, amplifiers]
MATCH (a:Account)
WHERE a.community IS NOT NULL
  AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
WITH a.community AS community, count(*) AS accounts,
     count(CASE WHEN a.role = 'poster' THEN 1 END) AS posters,
     count(CASE WHEN a.role = 'amplifier' THEN 1 END) AS amplifiers
WHERE posters > 0
RETURN community, accounts, posters, amplifiers
ORDER BY posters DESC, amplifiers DESC, accounts DESC, community
LIMIT $top;
