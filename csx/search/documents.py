"""What each content type contributes to the search index.

A document is the searchable text of one published item, in four weighted fields:
title > summary > keywords (tags, company, attribution) > body.
"""

import nh3

from csx.markdown import render_markdown
from principles.models import Principle, Resource, Statistic
from stories.models import Company, Story

KINDS = {
    "story": "Stories",
    "principle": "Principles",
    "statistic": "Statistics",
    "resource": "Resources",
    "company": "Companies",
    "tag": "Tags",
}
# What one result of each kind is called, above its title.
KIND_NAMES = {kind: kind.capitalize() for kind in KINDS}
KIND_OF_MODEL = {Story: "story", Principle: "principle", Statistic: "statistic",
                 Resource: "resource", Company: "company"}  # fmt: skip


def plain(markdown):
    """The words of a Markdown text, without its markup."""
    return nh3.clean(str(render_markdown(markdown)), tags=set()).replace("&amp;", "&")


def tag_names(item):
    return " ".join(tag.name for tag in item.tags.all())


def story_document(story):
    company = story.company.title if story.company else ""
    return {
        "title": story.title,
        "summary": story.summary,
        "keywords": f"{tag_names(story)} {company} {story.get_kind_display()}",
        "body": f"{plain(story.body)}\n{story.takeaway}\n{story.discussion_questions}",
    }


def principle_document(principle):
    practices = " ".join(f"{p.title} {p.description}" for p in principle.practices.all())
    return {
        "title": principle.title,
        "summary": f"{principle.definition} {principle.summary}",
        "keywords": tag_names(principle),
        "body": f"{plain(principle.body)}\n{practices}",
    }


def statistic_document(statistic):
    return {
        "title": statistic.title,
        "summary": f"{statistic.figure} {statistic.claim}. {statistic.summary}",
        "keywords": f"{tag_names(statistic)} {statistic.attributed_to}",
        "body": f"{plain(statistic.body)}\n{statistic.note}",
    }


def resource_document(resource):
    return {
        "title": resource.title,
        "summary": resource.summary,
        "keywords": f"{tag_names(resource)} {resource.creator} {resource.get_kind_display()}",
        "body": plain(resource.body),
    }


def company_document(company):
    return {
        "title": company.title,
        "summary": f"{company.industry}. {company.summary}",
        "keywords": tag_names(company),
        "body": plain(company.body),
    }


DOCUMENT = {
    Story: story_document,
    Principle: principle_document,
    Statistic: statistic_document,
    Resource: resource_document,
    Company: company_document,
}

# How to fetch many published items of each type with what their documents need.
PREFETCH = {
    Story: lambda qs: qs.select_related("company").prefetch_related("tags"),
    Principle: lambda qs: qs.prefetch_related("tags", "practices"),
    Statistic: lambda qs: qs.prefetch_related("tags"),
    Resource: lambda qs: qs.prefetch_related("tags"),
    Company: lambda qs: qs.prefetch_related("tags"),
}


def tag_document(tag, count):
    return {
        "title": tag.name,
        "summary": f"Tag: {count} published item{'s' if count != 1 else ''} tagged “{tag.name}”.",
        "keywords": "",
        "body": "",
    }
