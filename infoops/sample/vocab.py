"""Word lists the synthetic world is built from: names, places, topics and post templates.

Kept apart from the generator so the data can grow without touching the logic. Every list is
a tuple (immutable, indexable by the small integers the generator stores per account/post).
Names are common given names and surnames; no real person's full identity is intended.
"""

from __future__ import annotations

from typing import Final

# --- Latin-script names (organic accounts) -----------------------------------------------

LATIN_FIRST: Final = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
    "Sarah", "Charles", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty",
    "Mark", "Sandra", "Steven", "Ashley", "Paul", "Emily", "Andrew", "Donna", "Joshua",
    "Michelle", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Timothy",
    "Deborah", "Ronald", "Stephanie", "Jason", "Rebecca", "Ryan", "Laura", "Jacob", "Sharon",
    "Gary", "Cynthia", "Nicholas", "Kathleen", "Eric", "Amy", "Jonathan", "Angela", "Larry",
    "Anna", "Justin", "Ruth", "Scott", "Brenda", "Brandon", "Pamela", "Benjamin", "Nicole",
    "Samuel", "Katherine", "Gregory", "Samantha", "Alexander", "Christine", "Patrick",
    "Emma", "Frank", "Rachel", "Jack", "Olivia", "Dennis", "Hannah", "Tyler", "Chloe",
    "Aaron", "Sophie", "Jose", "Maria", "Carlos", "Lucia", "Javier", "Carmen", "Miguel",
    "Elena", "Pablo", "Sofia", "Luis", "Isabel", "Pierre", "Camille", "Julien", "Claire",
    "Antoine", "Manon", "Lukas", "Lena", "Jonas", "Mia", "Felix", "Leonie", "Marco",
    "Giulia", "Luca", "Chiara", "Joao", "Beatriz", "Tiago", "Mariana", "Mehmet", "Ayse",
    "Emre", "Zeynep", "Arjun", "Priya", "Rahul", "Ananya", "Kwame", "Amara", "Tunde", "Ngozi",
    "Liam", "Noah", "Ava", "Isla", "Finn", "Freya", "Oscar", "Ella", "Hugo", "Alice",
    "Mateo", "Valentina", "Diego", "Camila", "Nils", "Ingrid", "Sven", "Astrid", "Piotr",
    "Agnieszka", "Tomasz", "Katarzyna", "Jan", "Eva", "Rosa", "Victor", "Grace", "Leo",
)

LATIN_LAST: Final = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia",
    "Rodriguez", "Wilson", "Martinez", "Anderson", "Taylor", "Thomas", "Hernandez", "Moore",
    "Martin", "Jackson", "Thompson", "White", "Lopez", "Lee", "Gonzalez", "Harris", "Clark",
    "Lewis", "Robinson", "Walker", "Perez", "Hall", "Young", "Allen", "Sanchez", "Wright",
    "King", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Ramirez", "Campbell",
    "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker",
    "Collins", "Edwards", "Stewart", "Flores", "Morris", "Nguyen", "Murphy", "Rivera",
    "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Gomez",
    "Kelly", "Howard", "Ward", "Cox", "Diaz", "Richardson", "Wood", "Watson", "Brooks",
    "Bennett", "Gray", "James", "Reyes", "Cruz", "Hughes", "Price", "Myers", "Long",
    "Foster", "Sanders", "Ross", "Morales", "Powell", "Sullivan", "Russell", "Ortiz",
    "Jenkins", "Gutierrez", "Perry", "Butler", "Barnes", "Fisher", "Henderson", "Coleman",
    "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton", "Graham", "Kim", "Wallace",
    "Dubois", "Moreau", "Laurent", "Lefebvre", "Muller", "Schmidt", "Schneider", "Fischer",
    "Weber", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Silva", "Santos",
    "Oliveira", "Pereira", "Costa", "Yilmaz", "Kaya", "Demir", "Sharma", "Patel", "Gupta",
    "Singh", "Okafor", "Mensah", "Adeyemi", "Kowalski", "Nowak", "Jensen", "Hansen",
    "Larsen", "Andersson", "Johansson", "Novak", "Horvat", "Byrne", "Walsh", "Doyle",
    "MacDonald", "Fraser", "Whitaker", "Holloway", "Prescott", "Sinclair", "Ashford",
)

HANDLE_WORDS: Final = (
    "fan", "official", "real", "the", "its", "daily", "writes", "tweets", "xo", "music",
    "art", "photo", "runs", "codes", "eats", "travels", "news", "mom", "dad", "life",
    "vibes", "world", "online", "hq", "ok", "here", "says", "talks", "blog", "lab",
)

# --- Other scripts: (native, latin transliteration) ----------------------------------------

RUSSIAN_FIRST_MALE: Final = (
    ("Александр", "aleksandr"), ("Дмитрий", "dmitry"), ("Максим", "maksim"),
    ("Сергей", "sergey"), ("Андрей", "andrey"), ("Алексей", "alexey"), ("Артём", "artem"),
    ("Илья", "ilya"), ("Кирилл", "kirill"), ("Михаил", "mikhail"), ("Никита", "nikita"),
    ("Евгений", "evgeny"), ("Иван", "ivan"), ("Павел", "pavel"), ("Роман", "roman"),
    ("Владимир", "vladimir"), ("Олег", "oleg"), ("Игорь", "igor"), ("Юрий", "yuri"),
    ("Николай", "nikolay"),
)
RUSSIAN_FIRST_FEMALE: Final = (
    ("Анна", "anna"), ("Мария", "maria"), ("Елена", "elena"), ("Ольга", "olga"),
    ("Наталья", "natalya"), ("Екатерина", "ekaterina"), ("Татьяна", "tatiana"),
    ("Ирина", "irina"), ("Светлана", "svetlana"), ("Юлия", "yulia"), ("Анастасия", "nastya"),
    ("Дарья", "darya"), ("Ксения", "ksenia"), ("Полина", "polina"), ("Виктория", "vika"),
    ("Алина", "alina"), ("Марина", "marina"), ("Людмила", "lyudmila"), ("Вера", "vera"),
    ("Софья", "sofia"),
)
# Masculine surname forms; the feminine form adds "а" (and "a" in Latin) to these endings.
RUSSIAN_LAST: Final = (
    ("Иванов", "ivanov"), ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"),
    ("Попов", "popov"), ("Васильев", "vasiliev"), ("Петров", "petrov"),
    ("Соколов", "sokolov"), ("Михайлов", "mikhailov"), ("Новиков", "novikov"),
    ("Фёдоров", "fedorov"), ("Морозов", "morozov"), ("Волков", "volkov"),
    ("Алексеев", "alekseev"), ("Лебедев", "lebedev"), ("Семёнов", "semenov"),
    ("Егоров", "egorov"), ("Павлов", "pavlov"), ("Козлов", "kozlov"),
    ("Степанов", "stepanov"), ("Николаев", "nikolaev"), ("Орлов", "orlov"),
    ("Андреев", "andreev"), ("Макаров", "makarov"), ("Никитин", "nikitin"),
    ("Захаров", "zakharov"), ("Зайцев", "zaitsev"), ("Соловьёв", "soloviev"),
    ("Борисов", "borisov"), ("Яковлев", "yakovlev"), ("Григорьев", "grigoriev"),
)

ARABIC_FIRST: Final = (
    ("محمد", "mohammed"), ("أحمد", "ahmed"), ("عمر", "omar"), ("علي", "ali"),
    ("خالد", "khaled"), ("يوسف", "youssef"), ("عبدالله", "abdullah"), ("سعد", "saad"),
    ("فهد", "fahad"), ("سلمان", "salman"), ("حسن", "hassan"), ("إبراهيم", "ibrahim"),
    ("فاطمة", "fatima"), ("مريم", "maryam"), ("نورة", "noura"), ("سارة", "sara"),
    ("ريم", "reem"), ("هند", "hind"), ("ليلى", "layla"), ("أمل", "amal"),
    ("منى", "mona"), ("دانة", "dana"), ("لمى", "lama"), ("جود", "jood"),
)
ARABIC_LAST: Final = (
    ("العتيبي", "alotaibi"), ("الحربي", "alharbi"), ("القحطاني", "alqahtani"),
    ("الغامدي", "alghamdi"), ("الشمري", "alshammari"), ("الدوسري", "aldosari"),
    ("المصري", "almasri"), ("حداد", "haddad"), ("خليل", "khalil"), ("منصور", "mansour"),
    ("سليمان", "suleiman"), ("الزهراني", "alzahrani"), ("النجار", "alnajjar"),
    ("عبدالرحمن", "abdulrahman"), ("الخطيب", "alkhatib"), ("يوسف", "yousef"),
)

JAPANESE_FAMILY: Final = (
    ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"),
    ("伊藤", "ito"), ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"),
    ("小林", "kobayashi"), ("加藤", "kato"), ("吉田", "yoshida"), ("山田", "yamada"),
    ("佐々木", "sasaki"), ("山口", "yamaguchi"), ("松本", "matsumoto"), ("井上", "inoue"),
    ("木村", "kimura"), ("林", "hayashi"), ("斎藤", "saito"), ("清水", "shimizu"),
)
JAPANESE_GIVEN: Final = (
    ("翔太", "shota"), ("健", "ken"), ("大輔", "daisuke"), ("拓也", "takuya"),
    ("直樹", "naoki"), ("亮", "ryo"), ("陽菜", "hina"), ("さくら", "sakura"),
    ("美咲", "misaki"), ("葵", "aoi"), ("結衣", "yui"), ("ゆうき", "yuki"),
    ("はると", "haruto"), ("彩", "aya"), ("真由美", "mayumi"), ("恵", "megumi"),
    ("あかり", "akari"), ("蓮", "ren"), ("悠人", "yuto"), ("千尋", "chihiro"),
)

# Traditional characters and Cantonese romanization: Hong Kong and diaspora organic users.
CHINESE_TRAD_SURNAME: Final = (
    ("陳", "chan"), ("李", "lee"), ("黃", "wong"), ("張", "cheung"), ("梁", "leung"),
    ("林", "lam"), ("劉", "lau"), ("吳", "ng"), ("何", "ho"), ("鄭", "cheng"),
    ("楊", "yeung"), ("周", "chow"), ("麥", "mak"), ("郭", "kwok"), ("曾", "tsang"),
    ("馬", "ma"), ("羅", "law"), ("葉", "yip"), ("蔡", "choi"), ("謝", "tse"),
)
CHINESE_TRAD_GIVEN: Final = (
    ("家欣", "kayan"), ("志明", "chiming"), ("嘉雯", "kaman"), ("偉強", "waikeung"),
    ("詠詩", "wingsze"), ("俊傑", "chunkit"), ("淑儀", "sukyee"), ("子謙", "tsehim"),
    ("曉晴", "hiuching"), ("振華", "chunwah"), ("美玲", "meiling"), ("浩然", "houyin"),
    ("雅婷", "ngating"), ("家豪", "kaho"), ("慧敏", "waiman"), ("建國", "kinkwok"),
)

# --- Operation names ---------------------------------------------------------------------

CYRILLIC_LETTERS: Final = "абвгдежзийклмнопрстуфхцчшщыэюя"
CYRILLIC_VOWELS: Final = "аеиоуыэюя"

HAN_SURNAME: Final = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
)
HAN_GIVEN_CHARS: Final = (
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
    "杰", "娟", "涛", "明", "超", "秀", "兰", "霞", "平", "刚", "桂", "华", "红", "玉",
    "建", "国", "文", "辉", "力", "鑫", "宇", "浩", "子", "涵", "欣", "怡", "梓", "萱",
    "晨", "雨", "思", "佳", "俊", "博", "嘉", "琪", "婷", "雪", "慧", "鹏", "飞", "龙",
    "春", "梅", "东", "海",
)
# Common characters strung together at random: display names that are not names at all.
HAN_RANDOM_CHARS: Final = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物"
    "现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全"
    "表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无"
)

BASE62: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# --- Places and time zones ---------------------------------------------------------------

# (UTC offset in hours, locations people write in their profile). DST is ignored on purpose:
# a fixed offset over a nine-day window is what matters for the diurnal rhythm.
ZONES: Final = {
    "new_york": (-4.0, ("New York, NY", "NYC", "Brooklyn, NY", "Boston, MA", "Philadelphia")),
    "chicago": (-5.0, ("Chicago, IL", "Texas, USA", "Minneapolis", "Houston, TX")),
    "los_angeles": (-7.0, ("Los Angeles, CA", "San Francisco", "Seattle, WA", "Vancouver")),
    "sao_paulo": (-3.0, ("São Paulo, Brasil", "Buenos Aires", "Rio de Janeiro")),
    "london": (1.0, ("London", "London, England", "Manchester, UK", "Dublin, Ireland")),
    "berlin": (2.0, ("Berlin", "Paris, France", "Madrid", "Amsterdam", "Milano", "Wien")),
    "lagos": (1.0, ("Lagos, Nigeria", "Accra, Ghana", "Nairobi")),
    "moscow": (3.0, ("Москва", "Moscow", "Санкт-Петербург", "Россия", "Казань")),
    "novosibirsk": (7.0, ("Новосибирск", "Сибирь", "Красноярск")),
    "riyadh": (3.0, ("الرياض", "Riyadh", "جدة", "KSA")),
    "cairo": (2.0, ("القاهرة", "Cairo, Egypt", "عمّان")),
    "dubai": (4.0, ("Dubai", "دبي", "Abu Dhabi")),
    "mumbai": (5.5, ("Mumbai, India", "Bangalore", "New Delhi")),
    "tokyo": (9.0, ("東京", "Tokyo", "大阪", "日本", "横浜")),
    "hong_kong": (8.0, ("Hong Kong", "香港", "Taipei", "台灣", "Kowloon")),
    "manila": (8.0, ("Manila", "Singapore", "Kuala Lumpur")),
    "sydney": (10.0, ("Sydney, Australia", "Melbourne", "Brisbane")),
}

# Which zones people writing in each script live in, with weights.
SCRIPT_ZONES: Final = {
    "latin": (
        ("new_york", 5), ("chicago", 3), ("los_angeles", 4), ("sao_paulo", 2), ("london", 4),
        ("berlin", 3), ("lagos", 1), ("mumbai", 2), ("manila", 1), ("sydney", 2),
    ),
    "russian": (("moscow", 6), ("novosibirsk", 2), ("berlin", 1)),
    "arabic": (("riyadh", 4), ("cairo", 3), ("dubai", 2), ("london", 1)),
    "japanese": (("tokyo", 1),),
    "chinese": (("hong_kong", 6), ("los_angeles", 1), ("london", 1), ("sydney", 1)),
}

BIO_PARTS: Final = (
    "Dad of two", "Mom. Runner. Coffee.", "Views my own", "Engineer", "Nurse",
    "Teacher 📚", "Photographer", "Football fan ⚽", "Music is life 🎶", "Crypto since 2013",
    "Retired", "Student", "Writer", "Gamer", "Dog person 🐶", "Cat lover", "Foodie",
    "Traveller ✈️", "Lawyer", "Journalist", "Designer", "PhD candidate", "Economist",
    "Gardener 🌱", "Amateur chef", "Cyclist 🚴", "Human rights", "Tech nerd", "Bookworm",
    "Scientist", "Small business owner", "Yoga 🧘", "Sports & politics", "Jazz",
)
BIO_LOCAL: Final = {
    "russian": ("Люблю жизнь", "Путешествия", "Музыка", "Москва ❤️", "Фотограф", "Спорт"),
    "arabic": ("مهندس", "أحب القراءة", "رياضة", "سبحان الله", "طالب", "مصور"),
    "japanese": ("音楽好き", "会社員", "ラーメン部", "写真", "サッカー", "読書"),
    "chinese": ("香港人", "光復香港", "攝影", "讀書", "咖啡", "旅行"),
}
OPERATION_BIOS: Final = ("热爱祖国", "爱国爱港", "中国加油", "守护香港", "为祖国点赞", "真相")

# --- Topics -------------------------------------------------------------------------------

# name -> organic hashtags, keywords (as they appear in text).
TOPICS: Final = {
    "guo": (
        ("MilesGuo", "GuoWengui", "WhistleblowerMovement", "郭文贵", "GTV"),
        ("Guo Wengui", "Miles Guo", "郭文贵", "GTV", "Whistleblower Movement",
         "New Federal State of China"),
    ),
    "hong-kong": (
        ("HongKong", "StandWithHongKong", "HongKongProtests", "香港", "NationalSecurityLaw"),
        ("Hong Kong", "national security law", "香港", "protests"),
    ),
    "crypto": (
        ("Bitcoin", "BTC", "crypto", "Ethereum", "giveaway"),
        ("Bitcoin", "BTC", "crypto", "Ethereum", "比特币"),
    ),
    "covid": (
        ("COVID19", "coronavirus", "StayHome", "新冠病毒", "vaccine"),
        ("COVID", "coronavirus", "vaccine", "pandemic", "lockdown"),
    ),
    "sports": (
        ("NBA", "PremierLeague", "football", "F1", "ChampionsLeague"),
        ("match", "league", "final", "transfer"),
    ),
    "music": (
        ("NowPlaying", "NewMusic", "kpop", "Spotify", "vinyl"),
        ("album", "concert", "playlist", "track"),
    ),
    "tech": (
        ("AI", "Python", "opensource", "Linux", "iPhone"),
        ("AI", "Python", "open source", "Linux", "iPhone"),
    ),
    "food": (
        ("foodie", "recipe", "ramen", "coffee", "baking"),
        ("recipe", "ramen", "coffee", "sourdough"),
    ),
    "movies": (
        ("Netflix", "movies", "cinema", "Oscars"),
        ("movie", "series", "trailer", "Netflix"),
    ),
}
OPERATION_TOPICS: Final = ("guo", "hong-kong", "crypto", "covid")
# Share of organic communities centred on each topic.
ORGANIC_TOPIC_WEIGHTS: Final = {
    "guo": 1.2, "hong-kong": 1.4, "crypto": 1.2, "covid": 1.4, "sports": 1.4,
    "music": 1.2, "tech": 1.0, "food": 0.6, "movies": 0.6,
}

# Subjects per topic for English organic posts.
TOPIC_SUBJECTS: Final = {
    "guo": (
        "Guo Wengui", "Miles Guo", "the Whistleblower Movement", "GTV",
        "the New Federal State of China", "the GTV private placement", "Guo's livestream",
        "the Guo Media story",
    ),
    "hong-kong": (
        "Hong Kong", "the national security law", "the protests in Hong Kong",
        "press freedom in Hong Kong", "the LegCo election", "Hong Kongers abroad",
        "the march this weekend", "the HK students",
    ),
    "crypto": (
        "Bitcoin", "BTC", "Ethereum", "the crypto market", "DeFi", "my altcoin bag",
        "the halving", "this NFT thing",
    ),
    "covid": (
        "the vaccine rollout", "COVID", "the new lockdown", "mask wearing", "the second wave",
        "testing here", "working from home", "the hospitals",
    ),
    "sports": (
        "the derby", "the Lakers", "Liverpool", "the final", "the transfer window",
        "Formula 1", "the marathon", "the Champions League draw",
    ),
    "music": (
        "the new album", "this playlist", "the concert last night", "that guitar solo",
        "the K-pop comeback", "this track", "the festival lineup", "vinyl shopping",
    ),
    "tech": (
        "the new iPhone", "Python", "my Linux laptop", "this AI model", "the outage",
        "open source", "my new keyboard", "dark mode",
    ),
    "food": (
        "ramen", "this sourdough", "tacos", "the new café downtown", "my grandma's recipe",
        "street food", "coffee", "homemade pizza",
    ),
    "movies": (
        "the new Netflix series", "that trailer", "the Oscars", "this film", "the sequel",
        "the cinema tonight", "the documentary", "the finale",
    ),
}
OPENERS: Final = (
    "", "", "", "", "Honestly, ", "Just read that ", "Wow. ", "So ", "Reminder: ",
    "Hot take: ", "Today ", "Not surprised, ", "ICYMI ", "Ok but ", "lol ", "Quick thought: ",
    "Update: ", "Unpopular opinion: ", "Me: ", "Friendly reminder that ", "Apparently ",
    "TIL ", "Still thinking about how ", "Can we talk about how ",
)
PREDICATES: Final = (
    "is trending again", "is all I can think about today", "deserves more attention",
    "is overrated, fight me", "made my day", "is getting wild", "is a mess right now",
    "looks promising", "is the best thing this week", "keeps surprising me",
    "is something everyone should follow", "came up at dinner again", "is not what I expected",
    "has me worried", "is honestly impressive", "is everywhere on my feed",
    "needs a proper explanation", "is moving fast", "was the talk of the office",
    "is exactly what we needed", "feels different this time", "is confusing me",
    "got way more coverage than I thought", "will be interesting to watch",
)
CLOSERS: Final = (
    "", "", "", "", ". What do you think?", ". Thoughts?", ".", "!", "...", ". Unreal.",
    ". Let's see.", ". Can't wait.", ". Anyone else?", ". Big if true.", ". So tired of this.",
    ". Love it.", ". Stay safe everyone.", ". More soon.", ". Just saying.", "!!",
    ". Change my mind.", ". Wild times.",
)
EMOJI: Final = ("", "", "", "", "😂", "🔥", "🙏", "👀", "💯", "😅", "❤️", "🤔", "😭", "👏")
REPLY_PHRASES: Final = (
    "Totally agree", "This is so true", "Not sure about that", "Source?", "Haha exactly",
    "Thanks for sharing", "Well said", "I disagree, but fair point", "Wow", "lol",
    "Came here to say this", "100%", "Can you explain more?", "This aged well", "Same here",
    "Interesting thread", "Couldn't agree more", "Hmm, I doubt it", "Great point",
    "This is the way", "Sad but true", "Where did you read this?", "Good to know",
)
QUOTE_PHRASES: Final = (
    "This.", "Read this", "Important thread", "Worth your time", "lol this", "So true",
    "Exactly what I said yesterday", "Not this again", "👇", "Must read",
    "Wait, what?", "Great explainer", "Can't stop laughing", "Agree with every word",
)

# Non-English organic sentences, with the topic keyword per language slotted into {kw}.
LOCAL_SENTENCES: Final = {
    "ru": (
        "Что думаете про {kw}?", "Сегодня все обсуждают {kw}.", "Опять новости про {kw}...",
        "{kw} — это что-то невероятное!", "Читаю про {kw}, интересно.",
        "Не понимаю ажиотажа вокруг {kw}.", "Кто-нибудь следит за {kw}?",
    ),
    "ar": (
        "ما رأيكم في {kw}؟", "الكل يتحدث عن {kw} اليوم", "أخبار جديدة عن {kw}",
        "{kw} موضوع مهم جدا", "أتابع أخبار {kw} باهتمام", "لا أفهم الضجة حول {kw}",
    ),
    "ja": (
        "{kw}についてどう思いますか？", "今日は{kw}の話ばかり", "{kw}のニュース、気になる",
        "{kw}、すごいな", "やっぱり{kw}が好き", "{kw}の件、どうなるんだろう",
    ),
    "zh": (
        "大家點睇{kw}？", "今日又係{kw}嘅新聞", "{kw}真係好重要", "關注{kw}，加油！",
        "{kw}嘅事，唔好忘記", "有冇人留意{kw}？",
    ),
}
LOCAL_KEYWORDS: Final = {
    "ru": {
        "guo": "Го Вэньгуя", "hong-kong": "Гонконг", "crypto": "биткоин",
        "covid": "коронавирус", "sports": "футбол", "music": "новый альбом",
        "tech": "новый айфон", "food": "рецепты", "movies": "новый фильм",
    },
    "ar": {
        "guo": "قوه ون قوي", "hong-kong": "هونغ كونغ", "crypto": "البيتكوين",
        "covid": "كورونا", "sports": "كرة القدم", "music": "الموسيقى", "tech": "التقنية",
        "food": "الطبخ", "movies": "الأفلام",
    },
    "ja": {
        "guo": "郭文貴", "hong-kong": "香港", "crypto": "ビットコイン", "covid": "コロナ",
        "sports": "サッカー", "music": "新曲", "tech": "新しいiPhone", "food": "ラーメン",
        "movies": "映画",
    },
    "zh": {
        "guo": "郭文貴", "hong-kong": "香港", "crypto": "比特幣", "covid": "疫情",
        "sports": "足球", "music": "新歌", "tech": "科技", "food": "美食", "movies": "電影",
    },
}

# --- The operation's one post format -----------------------------------------------------

# 【headline】lead + claim + punctuation + hashtags: the shape every operation post shares.
OPERATION_TEMPLATE: Final = "【{headline}】{lead}{claim}{punct}{emoji} {tags}"
OPERATION_SLOTS: Final = {
    "guo": {
        "headline": ("揭穿郭文贵", "郭文贵的真面目", "警惕郭文贵骗局", "郭文贵又在撒谎"),
        "lead": ("郭文贵", "逃犯郭文贵", "骗子郭文贵", "郭文贵这个小丑"),
        "claim": (
            "骗取海外华人的钱财，天理难容", "满嘴谎言，迟早被法律制裁",
            "所谓的爆料全是编造的", "利用GTV非法集资，害人不浅",
        ),
        "tags": ("#郭文贵", "#MilesGuo", "#郭文贵骗子", "#GTV骗局"),
    },
    "hong-kong": {
        "headline": ("香港必须稳定", "止暴制乱", "支持香港警察", "香港是中国的香港"),
        "lead": ("香港暴徒", "反中乱港分子", "某些外国势力", "黑衣暴徒"),
        "claim": (
            "破坏香港繁荣稳定，必须严惩", "勾结外部势力，绝不答应", "不得人心，注定失败",
            "妄图搞乱香港，痴心妄想",
        ),
        "tags": ("#香港", "#HongKong", "#止暴制乱", "#国安法"),
    },
    "covid": {
        "headline": ("抗疫真相", "中国抗疫成果", "病毒溯源", "美国抗疫失败"),
        "lead": ("美国政府", "某些西方政客", "西方媒体", "美国某些人"),
        "claim": (
            "甩锅中国，可耻至极", "抗疫不力，却污蔑中国", "散布谣言，欺骗民众",
            "政治操弄疫情，害人害己",
        ),
        "tags": ("#新冠病毒", "#COVID19", "#抗疫", "#病毒溯源"),
    },
    "crypto": {
        "headline": ("比特币行情", "数字货币机会", "区块链快讯", "币圈快讯"),
        "lead": ("比特币", "数字人民币", "区块链技术", "以太坊"),
        "claim": (
            "今日大涨，抓住机会", "前景光明，值得关注",
            "迎来新机遇，不要错过", "再创新高，速来了解",
        ),
        "tags": ("#比特币", "#Bitcoin", "#BTC", "#区块链"),
    },
}
OPERATION_PUNCT: Final = ("！", "！", "！！", "。", "!")
OPERATION_EMOJI: Final = ("", "", "", "👍", "🇨🇳", "💪")
OPERATION_LINKS: Final = (
    "https://www.globaltimes.cn/content/{n}.shtml", "http://www.xinhuanet.com/{n}.htm",
    "https://www.youtube.com/watch?v={code}", "https://news.cgtn.com/news/{n}/index.html",
)
OPERATION_REPLY: Final = (
    "别再被郭文贵骗了！", "郭文贵就是骗子，醒醒吧", "造谣可耻！", "请尊重事实！",
    "不要相信谣言！", "支持中国！",
)

# --- The hijacked account's crypto scam --------------------------------------------------

IMPERSONATED_NAME: Final = "Elon Musk"
IMPERSONATION_HANDLES: Final = (
    "elonmusk_giveaway", "ElonMusk_Gift", "elonmusk_promo", "ElonMusk_0fficial",
    "elon_musk_event", "elonmusk_btc", "ElonMuskGiveway", "elonmusk__live",
)
IMPERSONATION_BIO: Final = "CEO - SpaceX 🚀 Tesla ⚡ | Crypto giveaway event is LIVE"
SCAM_DOMAINS: Final = ("tesla-btc-event.com", "spacex-2x.org", "musk-giveaway.net", "elon-x2.live")
SCAM_TEXTS: Final = (
    "🚀 I'm giving back {n} BTC to the community! Send 0.1 - {m} BTC to the address on the "
    "page and get 2x back. Only {k} hours left! {url} #Bitcoin #BTC #giveaway",
    "To celebrate, I'm doing a {n} BTC giveaway 🎉 Every transaction sent is doubled "
    "instantly. Event ends in {k} hours {url} #crypto #Bitcoin",
    "Huge thanks to all Tesla & SpaceX supporters. {n} BTC giveaway is live for the next "
    "{k} hours, details: {url} #BTC #giveaway",
)

# --- Clients ------------------------------------------------------------------------------

# (name, href) as the v1.1 API renders `source`.
CLIENTS: Final = (
    ("Twitter for iPhone", "http://twitter.com/download/iphone"),
    ("Twitter for Android", "http://twitter.com/download/android"),
    ("Twitter Web App", "https://mobile.twitter.com"),
    ("Twitter for iPad", "http://twitter.com/#!/download/ipad"),
    ("TweetDeck", "https://about.twitter.com/products/tweetdeck"),
)
ORGANIC_CLIENT_WEIGHTS: Final = (0.42, 0.33, 0.18, 0.04, 0.03)
OPERATION_CLIENT_WEIGHTS: Final = (0.05, 0.2, 0.75, 0.0, 0.0)

NEWS_LINKS: Final = (
    "https://www.bbc.co.uk/news/world-{n}", "https://www.nytimes.com/2020/{n}.html",
    "https://www.scmp.com/news/hong-kong/article/{n}", "https://www.theguardian.com/world/{n}",
    "https://www.youtube.com/watch?v={code}", "https://open.spotify.com/track/{code}",
    "https://www.reuters.com/article/{n}", "https://medium.com/@writer/{code}",
    "https://www.coindesk.com/markets/{n}", "https://www.espn.com/story/_/id/{n}",
)
