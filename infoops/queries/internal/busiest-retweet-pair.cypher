// The account pair with the most retweets between them
// name: busiest-retweet-pair
// description: >
//   The amplifier and poster ids of the heaviest RETWEETED edge (ties by the two ids), for
//   sample parameter values (benchmarks/investigations.py gives them to evidence).
// columns: [a, b]
MATCH (a:Account)-[r:RETWEETED]->(b:Account)
RETURN a.id AS a, b.id AS b ORDER BY r.count DESC, a.id, b.id LIMIT 1;
