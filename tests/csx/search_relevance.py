"""The relevance set: queries in readers' own words, each with the page a reader means by it
(the first result they should see), all from the seed content (fixtures/). Kinds of query:
names with symbols, compound words, numbers and percentages, typos, acronyms, synonyms,
paraphrases, and the names of the site's sections. test_search_on_the_seed.py runs it on
either database; docs/search.md gives the share found.

Each query names its page as the seed content links items ("story:<slug>"); "section:<name>"
is one of the site's sections (/<name>/)."""

URLS = {
    "story": "/stories/{}/",
    "principle": "/principles/{}/",
    "statistic": "/statistics/{}/",
    "company": "/companies/{}/",
    "path": "/paths/{}/",
    "resource": "/resources/#{}",
    "tag": "/tags/{}/",
    "section": "/{}/",
}


def url_of(reference):
    kind, _, slug = reference.partition(":")
    return URLS[kind].format(slug)


# (what a reader types, the page they want first)
QUERIES = [
    # names with symbols, typed with or without them
    ("AT&T", "company:att"),
    ("at&t", "company:att"),
    ("AT & T", "company:att"),
    ("ATT", "company:att"),
    ("AT and T", "company:att"),
    ("at&t billing", "story:att-months-of-unresolved-overbilling"),
    ("Trader Joe's", "company:trader-joes"),
    ("trader joes", "company:trader-joes"),
    ("traderjoes", "company:trader-joes"),
    ("Ritz-Carlton", "company:ritz-carlton"),
    ("ritz carlton", "company:ritz-carlton"),
    ("ritzcarlton", "company:ritz-carlton"),
    ("ritz carlton giraffe", "story:ritz-carlton-joshie-the-giraffe"),
    ("Amazon's damaged book", "story:amazon-replaces-damaged-book"),
    # compound words, split or joined
    ("south west airlines", "company:southwest-airlines"),
    ("hub spot", "resource:hubspot-service-hub"),
    ("survey monkey", "resource:surveymonkey"),
    ("zen desk", "resource:zendesk"),
    ("i phone repair", "story:apple-support-iphone-fix-and-follow-up"),
    ("thankyou note", "story:urgent-order-expedited-with-thank-you-note"),
    ("thank-you note", "story:urgent-order-expedited-with-thank-you-note"),
    ("snow storm groceries", "story:trader-joes-manager-delivers-groceries-in-snowstorm"),
    ("ecommerce", "tag:e-commerce"),
    ("e commerce", "tag:e-commerce"),
    ("over booked flight", "story:united-airlines-overbooked-flight-removal"),
    # numbers, %, "percent" and "per cent"
    ("86%", "statistic:86-percent-pay-more-for-better-service"),
    ("86 percent", "statistic:86-percent-pay-more-for-better-service"),
    ("86 per cent", "statistic:86-percent-pay-more-for-better-service"),
    ("88%", "statistic:88-percent-buy-again-after-good-service"),
    ("60 percent", "statistic:60-percent-leave-over-poor-service"),
    ("ten hour call", "story:zappos-ten-hour-customer-call"),
    ("10 hour phone call", "story:zappos-ten-hour-customer-call"),
    ("10-hour call", "story:zappos-ten-hour-customer-call"),
    # typos
    ("girafe", "story:ritz-carlton-joshie-the-giraffe"),
    ("nordstorm", "company:nordstrom"),
    ("zapos", "company:zappos"),
    ("emapthy", "principle:empathy"),
    ("snowstrom", "story:trader-joes-manager-delivers-groceries-in-snowstorm"),
    ("comcsat cancellation", "story:comcast-cancellation-call-goes-viral"),
    ("trasparency", "principle:transparency"),
    # British and American spellings
    ("personalization", "principle:personalization"),
    ("tyres", "story:nordstrom-accepts-returned-tires"),
    # acronyms: found as typed, never rewritten
    ("NPS", "resource:net-promoter-score"),
    ("net promoter", "resource:net-promoter-score"),
    ("CSAT", "resource:net-promoter-score"),
    ("FCR", "tag:first-contact-resolution"),
    ("BA lost bags", "story:british-airways-lost-luggage-complaint-goes-viral"),
    ("UA overbooking", "story:united-airlines-overbooked-flight-removal"),
    # everyday synonyms
    ("baggage", "story:british-airways-lost-luggage-complaint-goes-viral"),
    ("lost suitcase", "story:british-airways-lost-luggage-complaint-goes-viral"),
    ("irate", "story:last-call-of-the-day-irate-customer"),
    ("furious caller", "story:last-call-of-the-day-irate-customer"),
    ("cancel my subscription", "story:comcast-cancellation-call-goes-viral"),
    ("overcharged", "story:att-months-of-unresolved-overbilling"),
    ("fear of flying", "story:southwest-reassures-nervous-first-time-flyer"),
    ("nervous flier", "story:southwest-reassures-nervous-first-time-flyer"),
    ("blizzard", "story:trader-joes-manager-delivers-groceries-in-snowstorm"),
    ("stuffed animal", "story:ritz-carlton-joshie-the-giraffe"),
    ("rude staff", "story:spirit-airlines-hostile-staff-during-delay"),
    ("customer churn", "statistic:60-percent-leave-over-poor-service"),
    ("repeat purchase", "statistic:88-percent-buy-again-after-good-service"),
    ("going above and beyond", "principle:kindness"),
    ("extra mile", "principle:kindness"),
    ("proactive", "principle:proactivity"),
    ("service recovery", "principle:recovery"),
    ("empowerment", "principle:ownership"),
    ("active listening", "principle:active-listening"),
    ("first contact resolution", "tag:first-contact-resolution"),
    ("going viral", "tag:going-viral"),
    # paraphrases and details people remember
    ("a passenger taken off a plane by force", "story:united-airlines-overbooked-flight-removal"),
    (
        "passenger dragged off an overbooked plane",
        "story:united-airlines-overbooked-flight-removal",
    ),
    ("flowers for a customer's sick mother", "story:zappos-sends-flowers-with-a-return"),
    ("shoes delivered overnight for an event", "story:zappos-overnight-shoes-for-an-event"),
    ("store takes back tires it never sold", "story:nordstrom-accepts-returned-tires"),
    (
        "airline agent upgraded me to first class",
        "story:airline-agent-sarah-rebooks-delayed-traveller",
    ),
    ("agent named sarah", "story:airline-agent-sarah-rebooks-delayed-traveller"),
    ("child left a toy giraffe at the hotel", "story:ritz-carlton-joshie-the-giraffe"),
    (
        "manager drove groceries to an elderly customer in the snow",
        "story:trader-joes-manager-delivers-groceries-in-snowstorm",
    ),
    ("billed wrongly for months and nobody fixed it", "story:att-months-of-unresolved-overbilling"),
    ("iphone fixed and they called back later", "story:apple-support-iphone-fix-and-follow-up"),
    (
        "one agent owns a complex problem with no transfers",
        "story:complex-issue-owned-by-first-contact",
    ),
    ("agent showed the customer a better feature", "story:agent-teaches-customer-a-better-feature"),
    ("hours of troubleshooting a faulty product", "story:faulty-product-hours-of-troubleshooting"),
    (
        "how to handle an angry customer at the end of the day",
        "story:last-call-of-the-day-irate-customer",
    ),
    (
        "would customers pay more for better service",
        "statistic:86-percent-pay-more-for-better-service",
    ),
    ("tony hsieh book", "resource:delivering-happiness"),
    ("jay baer", "resource:hug-your-haters"),
    ("hug haters", "resource:hug-your-haters"),
    ("mapping the customer journey", "resource:customer-journey-mapping"),
    ("putting things right after a mistake", "path:putting-it-right-after-a-mistake"),
    ("empathy workshop", "path:empathy-and-listening-workshop"),
    ("first week on the job", "path:first-week-on-the-service-desk"),
    ("when service goes wrong in public", "path:cautionary-tales"),
    # whole paraphrases, sharing few words with their story (semantic matching)
    ("a passenger taken off a plane by force", "story:united-airlines-overbooked-flight-removal"),
    ("hotel mailed a child's toy back with photos", "story:ritz-carlton-joshie-the-giraffe"),
    ("shop took back something it doesn't even stock", "story:nordstrom-accepts-returned-tires"),
    (
        "store worker brought food to an old lady during bad weather",
        "story:trader-joes-manager-delivers-groceries-in-snowstorm",
    ),
    ("could not quit my cable company", "story:comcast-cancellation-call-goes-viral"),
    ("rep chatted with a caller for hours", "story:zappos-ten-hour-customer-call"),
    ("bouquet for a sick mum", "story:zappos-sends-flowers-with-a-return"),
    ("scared on my first ever plane trip", "story:southwest-reassures-nervous-first-time-flyer"),
    (
        "my bill was wrong for months and nobody sorted it",
        "story:att-months-of-unresolved-overbilling",
    ),
    (
        "bumped up to a better seat after a rough day of travel",
        "story:airline-agent-sarah-rebooks-delayed-traveller",
    ),
    (
        "suitcase went missing and the airline ignored me",
        "story:british-airways-lost-luggage-complaint-goes-viral",
    ),
    ("rude crew when the plane was late", "story:spirit-airlines-hostile-staff-during-delay"),
    # the site's sections, by name and by common words for them
    ("statistics", "section:statistics"),
    ("stats", "section:statistics"),
    ("onboarding", "section:paths"),
    ("training paths", "section:paths"),
    ("principles", "section:principles"),
    ("companies", "section:companies"),
    ("stories", "section:stories"),
    ("resources", "section:resources"),
    ("reading list", "section:resources"),
    ("tags", "section:tags"),
]
