"""Fill a scratch database with plausible synthetic stories, for benchmarks.

    python bench/generate_stories.py --count 50000 --seed 1
    python bench/generate_stories.py --count 50000 --companies 5000 --tags 2000  # make bench-scale

Deterministic for a seed: the same seed gives the same companies and stories, word for word.
Stories are bulk-created in batches (signals do not fire), so the search index is rebuilt
at the end. Never run this against a database whose content matters.
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import django

if __name__ == "__main__":
    # A plain script: the project first on the path and Django set up, as manage.py would.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")
    django.setup()

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import color_style, no_style
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from csx.models import Status
from csx.search import rebuild
from principles.models import Principle, Resource, Statistic
from stories.models import Channel, Company, Kind, Outcome, Story

ROOT = Path(__file__).resolve().parent.parent
BAR_WIDTH = 30
COMPANY_SEED = 200

# The ten standard principles as the seed content has them, {slug: item}; created by these
# slugs when the database lacks them.
PRINCIPLES = {
    item["slug"]: item
    for item in json.loads((ROOT / "fixtures" / "principles.json").read_text(encoding="utf-8"))
}

# industry: (name suffixes, industry label, tag, problems)
# A problem is (short form for titles, what happened to the customer, tag).
INDUSTRIES = {
    "airline": (
        ["Air", "Airways", "Airlines"],
        "Airline",
        "airlines",
        [
            ("a missed connection", "missed a connection after a two-hour delay", "delays"),
            ("lost luggage", "landed without their luggage the night before a wedding",
             "lost luggage"),
            ("an overbooked flight", "was bumped from an overbooked flight", "overbooking"),
            ("a cancelled flight", "had a flight cancelled at midnight with no hotel",
             "delays"),
            ("a downgraded seat", "found their seat downgraded at the gate", "upgrade"),
            ("a lost toy giraffe", "left a child's stuffed giraffe on the plane",
             "lost property"),
        ],
    ),
    "hotel": (
        ["Hotels", "Inns", "Resorts", "Suites"],
        "Hotels",
        "hospitality",
        [
            ("a lost toy giraffe", "left a child's stuffed giraffe behind at check-out",
             "lost property"),
            ("a double booking", "arrived to find their room had been given away", "overbooking"),
            ("a noisy room", "spent a sleepless night next to a broken ice machine",
             "complaint handling"),
            ("a forgotten anniversary", "had asked for an anniversary cake that never came",
             "small gestures"),
            ("a billing error", "was charged twice for the minibar", "billing"),
        ],
    ),
    "online-retail": (
        ["Outfitters", "Direct", "Online", "Shop"],
        "Online retail",
        "e-commerce",
        [
            ("a late delivery", "waited three weeks for a parcel marked as delivered",
             "delivery"),
            ("a wrong item", "opened the box to find the wrong size of shoes", "returns"),
            ("a refund delay", "had waited six weeks for a refund", "returns"),
            ("a damaged parcel", "received a parcel crushed in transit", "delivery"),
            ("a gift for a sick mother", "was returning shoes bought for an ailing mother",
             "small gestures"),
        ],
    ),
    "retail": (
        ["Stores", "Department Store", "Emporium", "Home"],
        "Retail",
        "retail",
        [
            ("a return without a receipt", "wanted to return a coat without a receipt",
             "returns"),
            ("a broken appliance", "bought a kettle that failed after a week", "returns"),
            ("an out-of-stock promise", "was promised a sofa that was out of stock",
             "complaint handling"),
            ("a long queue", "queued forty minutes at the only open till", "wait times"),
            ("a lost toy giraffe", "lost a toddler's plush giraffe somewhere in the store",
             "lost property"),
        ],
    ),
    "telecom": (
        ["Telecom", "Mobile", "Broadband", "Networks"],
        "Telecoms",
        "telecom",
        [
            ("a surprise bill", "received a bill three times the usual amount", "billing"),
            ("a broadband outage", "lost their broadband for nine days while working from home",
             "complaint handling"),
            ("a cancellation runaround", "tried for an hour to cancel a contract", "churn"),
            ("a missed engineer visit", "took a day off for an engineer who never came",
             "wait times"),
        ],
    ),
    "bank": (
        ["Bank", "Savings", "Credit Union"],
        "Banking",
        "banking",
        [
            ("a frozen account", "found their account frozen the day rent was due", "trust"),
            ("a fraud scare", "spotted a string of card payments they had not made", "trust"),
            ("a bereavement", "had to close the account of a parent who had died",
             "vulnerable customers"),
            ("a mortgage delay", "was a week from moving day with no mortgage offer", "delays"),
        ],
    ),
    "grocery": (
        ["Grocers", "Market", "Foods", "Fresh"],
        "Grocery",
        "grocery",
        [
            ("a missing delivery slot", "had no delivery slot during a snowstorm", "delivery"),
            ("a substituted order", "received oat milk instead of infant formula",
             "complaint handling"),
            ("a housebound customer", "was housebound and could not reach the shop",
             "vulnerable customers"),
            ("a spoiled order", "unpacked a week's shopping that had not been kept cold",
             "returns"),
        ],
    ),
    "software": (
        ["Software", "Cloud", "Labs", "Apps"],
        "Software",
        "technology",
        [
            ("a locked account", "was locked out of their account before a deadline",
             "first-contact resolution"),
            ("a data loss", "lost a month of invoices after an update", "trust"),
            ("a confusing upgrade", "was moved to a new plan they had not chosen", "billing"),
            ("a chatbot loop", "went round in circles with a chatbot for an hour",
             "automation"),
        ],
    ),
    "insurance": (
        ["Insurance", "Mutual", "Assurance"],
        "Insurance",
        "insurance",
        [
            ("a flooded kitchen", "came home to a flooded kitchen on Christmas Eve",
             "complaint handling"),
            ("a rejected claim", "had a claim rejected over a missing form", "trust"),
            ("a car breakdown", "broke down on a motorway at night with two children",
             "vulnerable customers"),
        ],
    ),
    "utility": (
        ["Energy", "Power", "Water"],
        "Utilities",
        "utilities",
        [
            ("an estimated bill", "was billed for a year of estimated readings", "billing"),
            ("a power cut", "lost power while relying on medical equipment at home",
             "vulnerable customers"),
            ("a switching mix-up", "was switched to a new supplier without asking", "churn"),
        ],
    ),
    "restaurant": (
        ["Kitchen", "Bistro", "Diner", "Pizza"],
        "Restaurants",
        "restaurants",
        [
            ("an allergy mistake", "was served a dish with nuts despite warning the waiter",
             "trust"),
            ("a cold delivery", "received a takeaway that arrived cold an hour late", "delivery"),
            ("a birthday booking", "had booked a birthday table that had been given away",
             "small gestures"),
        ],
    ),
    "car-rental": (
        ["Car Rental", "Motors", "Rentals"],
        "Car rental",
        "car rental",
        [
            ("a missing rental car", "arrived at the desk to find no car reserved",
             "overbooking"),
            ("a surprise damage charge", "was charged for a scratch they had not made",
             "billing"),
            ("a breakdown abroad", "broke down on a mountain road abroad", "delays"),
        ],
    ),
}  # fmt: skip

NAME_STEMS = [
    "Acorn", "Beacon", "Birchwood", "Bluebird", "Brightwater", "Cedar", "Cobalt", "Compass",
    "Copperfield", "Crescent", "Evergreen", "Falcon", "Fernhill", "Granite", "Harbor",
    "Hawthorn", "Heron", "Juniper", "Keystone", "Lakeside", "Lantern", "Maple", "Meridian",
    "Northwind", "Oakridge", "Orchard", "Pinecrest", "Quayside", "Redwood", "Riverside",
    "Saffron", "Silverline", "Skylark", "Summit", "Tidewater", "Violet", "Westbrook", "Willow",
    "Wren", "Zephyr", "Alder", "Bramble", "Clearwater", "Driftwood", "Elmstead", "Foxglove",
]  # fmt: skip

CUSTOMERS = [
    "a first-time customer", "a regular of many years", "a pensioner living alone",
    "a small-business owner", "a nervous flyer", "a parent travelling with two children",
    "a university student", "a recently bereaved widow", "a wheelchair user",
    "a customer calling from abroad", "a nurse coming off a night shift", "a new father",
    "a customer with a hearing impairment", "a bride two days before her wedding",
]  # fmt: skip

AGENTS = [
    "Sarah", "Marcus", "Priya", "Tom", "Aisha", "Diego", "Mei", "Olu", "Hannah", "Kofi",
    "Lena", "Raj", "Grace", "Jonas", "Fatima", "Sam", "Ines", "Callum", "Yuki", "Noor",
]  # fmt: skip

ROLES = [
    "the duty manager", "a team leader", "a complaints handler", "a customer service agent",
    "a supervisor", "a trainee in their second week", "a long-serving agent",
]  # fmt: skip

# Who answers on each channel, besides the generic roles.
CHANNEL_ROLES = {
    Channel.IN_PERSON: "a store assistant",
    Channel.PHONE: "a phone agent",
    Channel.EMAIL: "a member of the customer care team",
    Channel.CHAT: "a chat agent",
    Channel.SOCIAL: "a member of the social media team",
    Channel.SEVERAL: "a case manager",
    "": "a customer service agent",
}

CHANNEL_PHRASES = {
    Channel.IN_PERSON: "in person at the counter",
    Channel.PHONE: "on the phone",
    Channel.EMAIL: "by email",
    Channel.CHAT: "over live chat",
    Channel.SOCIAL: "in a public post on social media",
    Channel.SEVERAL: "by phone, then email, then in a public post",
    "": "",
}

# (title verb phrase, what the agent did, principle, tag, industries it fits or None for any)
TRAVEL = {"airline", "hotel", "car-rental"}
GOODS = {"online-retail", "retail", "grocery", "restaurant"}
GOOD_ACTIONS = [
    ("rebooks a stranded traveller", "rebooked them on the next departure and phoned ahead "
     "so nothing else would go wrong", "proactivity", "follow-up", TRAVEL),
    ("refunds in full without a fuss", "refunded the whole order at once and told them to "
     "keep the item", "recovery", "policy flexibility", GOODS),
    ("sends flowers", "sent flowers with a handwritten note", "kindness", "small gestures",
     None),
    ("stays on the line", "stayed on the line for as long as it took and never once "
     "mentioned call times", "empathy", "time on the call", None),
    ("waives the fee", "waived the fee and explained exactly why it had been charged",
     "transparency", "apology", None),
    ("calls back as promised", "called back the next morning, as promised, with the problem "
     "already fixed", "responsiveness", "follow-up", None),
    ("delivers by hand", "drove the replacement over after the shift ended", "kindness",
     "small gestures", GOODS),
    ("fixes it on the first call", "fixed the problem on the first contact instead of "
     "opening a ticket", "ownership", "first-contact resolution", None),
    ("remembers a regular", "remembered the customer's last visit and what had gone wrong "
     "with it", "personalization", "loyalty", None),
    ("listens first", "let the customer finish, repeated the problem back and only then "
     "offered a fix", "active-listening", "listening", None),
    ("apologises and upgrades", "apologised plainly and offered an upgrade and a voucher",
     "recovery", "apology", TRAVEL),
    ("refunds the bill", "refunded the bill with an apology and a credit for the trouble",
     "recovery", "apology", {"telecom", "bank", "software", "insurance", "utility"}),
]  # fmt: skip
# The Ritz-Carlton move, for lost toys.
PHOTO_DIARY = ("sends the giraffe home with a photo diary", "sent the toy home with a photo "
               "diary of its adventures", "kindness", "small gestures", None)  # fmt: skip

BAD_ACTIONS = [
    ("reads from a script", "read from a script and would not deviate from it", "empathy",
     "training", None),
    ("transfers the call six times", "transferred the call six times, and each new agent "
     "asked for the whole story again", "ownership", "escalation", None),
    ("closes the ticket unanswered", "closed the ticket as resolved without replying",
     "responsiveness", "complaint handling", None),
    ("blames the customer", "told the customer it was their own fault", "empathy",
     "angry customers", None),
    ("hides behind policy", "quoted the policy and refused any exception", "ownership",
     "policy flexibility", None),
    ("ignores the complaint until it goes viral", "ignored three emails until a post about "
     "it went viral", "transparency", "going viral", None),
    ("promises a callback that never comes", "promised a callback that never came",
     "consistency", "follow-up", None),
    ("charges a fee anyway", "charged a cancellation fee on top of everything else",
     "transparency", "billing", None),
]  # fmt: skip

GOOD_ENDINGS = [
    "The customer wrote a glowing review that was shared thousands of times.",
    "They have stayed a loyal customer ever since and tell the story to anyone who asks.",
    "A thank-you letter reached the chief executive, who read it out at the next staff meeting.",
    "The whole exchange cost less than a single lost customer would have.",
    "Colleagues now use the case in training as the standard to aim for.",
]
BAD_ENDINGS = [
    "The customer cancelled and posted a one-star review that is still the top result.",
    "The complaint went viral and the company issued a public apology a week later.",
    "A regulator later cited the case in a report on complaint handling.",
    "The customer moved to a competitor and took three friends with them.",
    "It took a month, four emails and a written complaint to get a refund.",
]

# Well-known stories the synthetic ones are compared with: some of the words the benchmark
# queries use (nordstrom, zappos, giraffe) must be in the index.
COMPARISONS = [
    "Trainers set it beside Nordstrom taking back tyres it never sold.",
    "It is often compared with the Zappos agent who stayed on a call for ten hours.",
    "It echoes the Ritz-Carlton story of Joshie the giraffe.",
    "Like Southwest Airlines holding a plane for a passenger, it puts people before schedules.",
    "It recalls Trader Joe's delivering groceries to a snowbound customer.",
    "It reads like a reversal of the United Airlines overbooking case.",
]

GOOD_QUOTES = [
    "I had expected a fight and got a friend",
    "Nobody has ever done that for me before",
    "I will never shop anywhere else",
    "Someone finally made a terrible day bearable",
]
BAD_QUOTES = [
    "I felt like a ticket number",
    "Every call started from zero",
    "They were sorry only once it was public",
    "Nobody would take responsibility",
]

GOOD_WHY = [
    "{agent} had the authority to decide on the spot and used it.",
    "Nobody asked the customer to repeat the story or to prove anything.",
    "The fix came before the customer had to ask for it.",
    "{agent} treated the problem as their own rather than passing it on.",
]
BAD_WHY = [
    "Nobody on the front line was allowed to make an exception.",
    "Each contact started from nothing, so the customer had to explain it all again.",
    "The process measured call times, not whether the problem was solved.",
    "The apology, when it came, read as if a lawyer had written it.",
]

TAKEAWAYS = {
    "empathy": "Respond to how the customer feels as well as to what went wrong.",
    "active-listening": "Let the customer finish before offering a fix.",
    "proactivity": "Solve the next problem before the customer has to ask.",
    "personalization": "Treat the customer as a person with a history, not a ticket number.",
    "responsiveness": "Answer quickly, and make the first answer the right one.",
    "transparency": "Say plainly what you can and cannot do, and why.",
    "recovery": "A mistake handled well can earn more loyalty than no mistake at all.",
    "ownership": "Give front-line staff the authority to fix a problem on the first contact.",
    "consistency": "Keep every promise, on every channel, every time.",
    "kindness": "A small unexpected gesture is remembered long after the problem.",
}

QUESTIONS = [
    "What would you have done in {agent}'s place?",
    "Which rule in your own team would have made this harder?",
    "How would the customer describe this to a friend?",
    "What did this cost the company, and what did it save?",
    "Where could the customer have been spared a step?",
    "How would this have gone {channel}?",
    "What would you need permission for to do the same?",
    "What should happen the next time {problem} comes up?",
]

EXTRA_TAGS = ["customer retention", "culture", "empowerment", "feedback", "metrics", "trust"]

# The long tail of a large library's tags (`--tags`): "<qualifier> <topic>" pairs, 40 x 60
# of them, each drawn by few stories beside the ~30 tags above that thousands share.
TAIL_QUALIFIERS = [
    "after-hours", "airport", "app", "b2b", "call-centre", "checkout", "chatbot", "cross-border",
    "digital", "doorstep", "email", "enterprise", "express", "family", "first-contact",
    "frontline", "holiday", "in-store", "loyalty", "luxury", "mobile", "night-shift", "online",
    "overseas", "peak-season", "phone", "premium", "remote", "rural", "self-service",
    "small-business", "social-media", "student", "subscription", "trade", "urban", "vip",
    "weekend", "wholesale", "youth",
]  # fmt: skip
TAIL_TOPICS = [
    "accessibility", "accuracy", "apologies", "appointments", "callbacks", "claims",
    "compensation", "complaints", "courtesy", "credits", "deliveries", "deposits", "disputes",
    "documentation", "empathy", "errors", "escalation", "etiquette", "exchanges", "expectations",
    "follow-up", "goodwill", "greetings", "guarantees", "handovers", "helplines", "hold times",
    "identity checks", "invoices", "jargon", "knowledge", "languages", "late fees", "loyalty",
    "memberships", "misprints", "onboarding", "outages", "packaging", "passwords", "payments",
    "policies", "pricing", "privacy", "queues", "recalls", "receipts", "referrals", "renewals",
    "repairs", "reservations", "scripts", "surveys", "tone", "training", "transfers",
    "upgrades", "vouchers", "waivers", "warranties",
]  # fmt: skip
# A story with a tail tag (`--tags` beyond the built-in ones) draws it from its own stream,
# so the main stream, and every story without the option, stays word for word the same.
TAIL_SEED = 300
TAIL_SHARE = 0.6

KIND_WEIGHTS = [(Kind.ANECDOTE, 6), (Kind.REVIEW, 2), (Kind.SCENARIO, 2)]
CHANNEL_WEIGHTS = [
    (Channel.PHONE, 5), (Channel.CHAT, 3), (Channel.EMAIL, 3), (Channel.IN_PERSON, 5),
    (Channel.SOCIAL, 2), (Channel.SEVERAL, 1), ("", 1),
]  # fmt: skip

PUBLISHED_FROM = datetime(2018, 1, 1, tzinfo=UTC)
PUBLISHED_SPAN = int((datetime(2025, 6, 30, tzinfo=UTC) - PUBLISHED_FROM).total_seconds())


# Every tag the stories can draw without `--tags`: tail tags make up the difference.
BUILT_IN_TAGS = sorted(
    {tag for _, _, tag, _ in INDUSTRIES.values()}
    | {problem[2] for *_, problems in INDUSTRIES.values() for problem in problems}
    | {action[3] for action in (*GOOD_ACTIONS, *BAD_ACTIONS, PHOTO_DIARY)}
    | set(EXTRA_TAGS)
)


def tail_tags(count):
    """The first `count` long-tail tag names, always the same ones in the same order."""
    names = [f"{qualifier} {topic}" for topic in TAIL_TOPICS for qualifier in TAIL_QUALIFIERS]
    random.Random(TAIL_SEED).shuffle(names)  # noqa: S311 - synthetic content, not security
    if count > len(names):
        raise ValueError(f"at most {len(names) + len(BUILT_IN_TAGS):,} tags")
    return names[: max(count, 0)]


def weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def sentence(text):
    return text[:1].upper() + text[1:]


class Generator:
    """Makes unsaved Story objects (and their links) from one seeded random stream."""

    def __init__(self, rng, companies, taken_slugs, tail_tags=(), tail_rng=None):
        self.rng = rng
        self.companies = companies  # [(Company, industry key)]
        self.taken = taken_slugs
        self.tail_tags = list(tail_tags)
        self.tail_rng = tail_rng
        self.actions = {
            (industry, good): [
                action
                for action in (GOOD_ACTIONS if good else BAD_ACTIONS)
                if action[4] is None or industry in action[4]
            ]
            for industry in INDUSTRIES
            for good in (True, False)
        }

    def slug_for(self, title):
        base = slugify(title)[:180].strip("-") or "story"
        slug, n = base, 2
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        self.taken.add(slug)
        return slug

    def story(self):
        """One story, with the slugs of its principles and the names of its tags."""
        rng = self.rng
        company, industry = rng.choice(self.companies)
        _, _, industry_tag, problems = INDUSTRIES[industry]
        problem_short, problem_text, problem_tag = rng.choice(problems)
        outcome = Outcome.EXEMPLARY if rng.random() < 0.7 else Outcome.CAUTIONARY
        good = outcome == Outcome.EXEMPLARY
        if good and "giraffe" in problem_short and rng.random() < 0.5:
            action = PHOTO_DIARY
        else:
            action = rng.choice(self.actions[industry, good])
        verb, deed, principle, action_tag, _ = action
        kind = weighted(rng, KIND_WEIGHTS)
        channel = weighted(rng, CHANNEL_WEIGHTS)
        customer = rng.choice(CUSTOMERS)
        agent = rng.choice(AGENTS)
        role = CHANNEL_ROLES[channel] if rng.random() < 0.5 else rng.choice(ROLES)
        name = company.title

        if good:
            title = rng.choice(
                [
                    f"{name} {verb} after {problem_short}",
                    f"{agent} at {name} {verb}",
                    f"How {name} turned {problem_short} around",
                ]
            )
        else:
            title = rng.choice(
                [
                    f"{name} {verb} over {problem_short}",
                    f"{sentence(problem_short)} at {name}: an agent {verb}",
                    f"What went wrong at {name} after {problem_short}",
                ]
            )
        how = CHANNEL_PHRASES[channel]
        reached = f"reached {name} {how}" if how else f"contacted {name}"
        summary = (
            f"{sentence(customer)} {problem_text}. {agent}, {role}, {deed}."
            if good
            else f"{sentence(customer)} {problem_text}, {reached}, and {role} {deed}."
        )[:300]

        intro = {
            Kind.ANECDOTE: "As reported in a trade article,",
            Kind.REVIEW: "In a customer review posted online,",
            Kind.SCENARIO: "In this illustrative scenario for training,",
        }[kind]
        ending = rng.choice(GOOD_ENDINGS if good else BAD_ENDINGS)
        why = [line.format(agent=agent) for line in rng.sample(GOOD_WHY if good else BAD_WHY, 2)]
        paragraphs = [
            "## What happened",
            f"{intro} {customer} {problem_text}. They {reached} and explained the problem "
            f"to {agent}, {role}.",
            f"{agent} {deed}. {ending}",
        ]
        if rng.random() < 0.6:
            quote = rng.choice(GOOD_QUOTES if good else BAD_QUOTES)
            paragraphs.append(f"> {quote}, the customer wrote afterwards.")
        paragraphs += [
            "## Why it worked" if good else "## Why it went wrong",
            " ".join(why),
        ]
        if rng.random() < 0.3:
            paragraphs.append(rng.choice(COMPARISONS))
        principles = [principle, *rng.sample(sorted(PRINCIPLES), rng.randint(0, 2))]
        principles = list(dict.fromkeys(principles))
        paragraphs += [
            "## For trainers",
            "\n".join(f"- {PRINCIPLES[slug]['title']}: {TAKEAWAYS[slug]}" for slug in principles),
        ]
        questions = [
            q.format(agent=agent, channel=how or "in person", problem=problem_short)
            for q in rng.sample(QUESTIONS, 3)
        ]
        tags = [industry_tag, problem_tag, action_tag]
        if rng.random() < 0.3:
            tags.append(rng.choice(EXTRA_TAGS))
        if self.tail_tags and self.tail_rng.random() < TAIL_SHARE:
            tags.append(self.tail_rng.choice(self.tail_tags))
        published = PUBLISHED_FROM + timedelta(seconds=rng.randrange(PUBLISHED_SPAN))

        story = Story(
            title=title[:200],
            slug=self.slug_for(title),
            summary=summary,
            body="\n\n".join(paragraphs) + "\n",
            status=Status.PUBLISHED,
            published_at=published,
            kind=kind,
            provenance=Story.Provenance.implied_by(kind),  # bulk_create skips Story.save()
            outcome=outcome,
            channel=channel,
            company=company,
            takeaway=TAKEAWAYS[principle],
            discussion_questions="\n".join(questions),
        )
        return story, principles, list(dict.fromkeys(tags))


class Filler:
    """Fills the configured database: a report on `stdout`, progress bars on `stderr`."""

    def __init__(self, stdout=None, stderr=None, verbosity=1):
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.verbosity = verbosity
        self.style = color_style() if self.stdout.isatty() else no_style()

    def run(self, count=50_000, seed=1, companies=200, batch_size=2_000, top_up=False, tags=0):
        if top_up:
            existing = Story.objects.count()
            if existing >= count:
                self.say(f"The database already holds {existing:,} stories; nothing to generate.")
                return
            count -= existing

        started = time.perf_counter()
        rng = random.Random(seed)  # noqa: S311 - synthetic content, not security
        with transaction.atomic():
            principles = self.ensure_principles()
            company_list = self.ensure_companies(companies)
        taken = set(Story.objects.values_list("slug", flat=True))
        tail_rng = random.Random(seed + TAIL_SEED)  # noqa: S311 - synthetic content
        generator = Generator(
            rng, company_list, taken, tail_tags(tags - len(BUILT_IN_TAGS)), tail_rng
        )
        done = 0
        self.progress(done, count, "stories")
        while done < count:
            size = min(batch_size, count - done)
            self.save([generator.story() for _ in range(size)], principles)
            done += size
            self.progress(done, count, "stories")
        self.end_progress()
        generated = time.perf_counter() - started

        started = time.perf_counter()
        entries = self.rebuild_index()
        self.analyze()
        indexed = time.perf_counter() - started

        total = Story.objects.count()
        self.say(
            self.style.SUCCESS(
                f"Generated {count:,} stories in {generated:.1f} s "
                f"({count / generated:,.0f} a second); the database now holds {total:,}."
            )
        )
        self.say(
            self.style.SUCCESS(
                f"Rebuilt the search index ({entries:,} entries) in {indexed:.1f} s."
            )
        )

    def save(self, made, principles):
        """One batch from Generator.story(), with its principle and tag links, in one go."""
        story_type = ContentType.objects.get_for_model(Story)
        Through = Story.principles.through
        with transaction.atomic():
            tags = self.ensure_tags({name for _, _, names in made for name in names})
            stories = Story.objects.bulk_create([story for story, _, _ in made])
            Through.objects.bulk_create(
                Through(story_id=story.pk, principle_id=principles[slug].pk)
                for story, (_, slugs, _) in zip(stories, made, strict=True)
                for slug in slugs
            )
            TaggedItem.objects.bulk_create(
                TaggedItem(
                    tag_id=tags[name.lower()].pk,
                    content_type_id=story_type.pk,
                    object_id=story.pk,
                )
                for story, (_, _, names) in zip(stories, made, strict=True)
                for name in names
            )

    def say(self, message):
        print(message, file=self.stdout)

    # Reference data --------------------------------------------------------------------

    def ensure_principles(self):
        """{slug: Principle} for the ten standard principles, creating missing ones."""
        found = {p.slug: p for p in Principle.objects.filter(slug__in=PRINCIPLES)}
        now = datetime.now(UTC)
        for slug, item in PRINCIPLES.items():
            if slug not in found:
                found[slug] = Principle.objects.create(
                    slug=slug,
                    title=item["title"],
                    definition=item["definition"],
                    summary=item["summary"],
                    order=item["order"],
                    status=Status.PUBLISHED,
                    published_at=now,
                )
        return found

    def ensure_companies(self, wanted):
        """[(Company, industry key)]: `wanted` synthetic companies, reusing any by slug.

        The same companies whatever the seed, so runs with different seeds share them.
        """
        rng = random.Random(COMPANY_SEED)  # noqa: S311 - synthetic content, not security
        pairs = [(stem, industry) for industry in INDUSTRIES for stem in NAME_STEMS]
        rng.shuffle(pairs)
        # Beyond the ~370 one-stem names, two stems ("Cedar Heron Air"): some 16,000 more.
        more = [
            (f"{first} {second}", industry)
            for industry in INDUSTRIES
            for first in NAME_STEMS
            for second in NAME_STEMS
            if first != second
        ]
        random.Random(COMPANY_SEED + 1).shuffle(more)  # noqa: S311 - synthetic content
        chosen, names = [], set()
        for stem, industry in pairs + more:
            if len(chosen) == wanted:
                break
            suffix = rng.choice(INDUSTRIES[industry][0])
            name = f"{stem} {suffix}"
            if name not in names:
                names.add(name)
                chosen.append((name, industry))
        by_slug = {slugify(name): (name, industry) for name, industry in chosen}
        existing = {c.slug: c for c in Company.objects.filter(slug__in=by_slug)}
        new = []
        for slug, (name, industry) in by_slug.items():
            if slug not in existing:
                label = INDUSTRIES[industry][1]
                new.append(
                    Company(
                        title=name,
                        slug=slug,
                        industry=label,
                        summary=f"A synthetic {label.lower()} company, generated for benchmarks.",
                        body=f"{name} exists only in generated benchmark data.",
                        status=Status.PUBLISHED,
                        published_at=PUBLISHED_FROM,
                    )
                )
        for company in Company.objects.bulk_create(new):
            existing[company.slug] = company
        return [(existing[slug], industry) for slug, (_, industry) in by_slug.items()]

    def ensure_tags(self, names):
        """{lower-case name: Tag}, creating missing tags (case-insensitively, like taggit)."""
        lowered = {name.lower(): name for name in names}
        found = {
            tag.lower_name: tag
            for tag in Tag.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=lowered)
        }
        for key, name in lowered.items():
            if key not in found:
                found[key] = Tag.objects.create(name=name)
        return found

    # Index and statistics ---------------------------------------------------------------

    def rebuild_index(self):
        # About what rebuild() indexes: every published item, and the tags.
        expected = Tag.objects.count() + sum(
            model.objects.published().count()
            for model in (Story, Company, Principle, Statistic, Resource)
        )
        indexed = 0

        def progress(kind=None, count=0, *rest):
            nonlocal indexed
            if isinstance(count, int):
                indexed += count
            self.progress(min(indexed, expected), expected, "index entries")

        self.progress(0, expected, "index entries")
        entries = rebuild(progress=progress)
        self.progress(entries, entries, "index entries")
        self.end_progress()
        return entries

    def analyze(self):
        """Refresh the planner's statistics, as autovacuum would shortly after a bulk load.
        SQLite keeps none until asked: without them it read the story list from the index
        of visible stories and sorted 50,000 rows per page (23 → 460 ms)."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # Progress bar ----------------------------------------------------------------------

    def progress(self, done, total, what):
        if self.verbosity < 1:
            return
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done:,}/{total:,} {what}")
        self.stderr.flush()

    def end_progress(self):
        if self.verbosity >= 1:
            self.stderr.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Generate plausible synthetic stories (with companies, principles and tags) "
        "for benchmarks, then rebuild the search index. For scratch databases only."
    )
    parser.add_argument("--count", type=int, default=50_000, help="Stories to generate.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed.")
    parser.add_argument("--companies", type=int, default=200, help="Companies to use.")
    parser.add_argument(
        "--tags",
        type=int,
        default=0,
        help="Tags in all: the built-in ones plus as many long-tail tags as make this many "
        "(0: the built-in ones only).",
    )
    parser.add_argument("--batch-size", type=int, default=2_000)
    parser.add_argument(
        "--top-up",
        action="store_true",
        help="Generate only what the database lacks to hold COUNT stories in all "
        "(nothing when it already has that many).",
    )
    parser.add_argument(
        "-v", "--verbosity", type=int, choices=[0, 1, 2, 3], default=1, help="0: no progress bars."
    )
    args = parser.parse_args(argv)
    if args.count < 1 or args.companies < 1 or args.batch_size < 1:
        parser.error("--count, --companies and --batch-size must be positive.")
    Filler(verbosity=args.verbosity).run(
        args.count, args.seed, args.companies, args.batch_size, args.top_up, args.tags
    )


if __name__ == "__main__":
    main()
