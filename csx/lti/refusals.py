"""What pylti1p3's refusals mean, in words the person reading the refusal page can act on.

pylti1p3 words its errors for developers ("iss https://lms.example [client_id=zzz] not found
in settings"); the refusal page shows them to a learner or an LMS administrator, so the
common ones are said plainly here, keeping the values the LMS sent (the administrator needs
them to register the LMS). Anything else is shown as pylti1p3 says it.
"""

import re

PLAIN = [
    (
        re.compile(r"iss (?P<iss>.*) \[client_id=(?P<client_id>.*)\] not found in settings"),
        "No LMS platform is registered with this issuer and client id "
        "(issuer {iss}, client id {client_id}).",
    ),
    (
        re.compile(r"Could not find registration details"),
        "No LMS platform is registered with this issuer and client id.",
    ),
    (
        re.compile(r"Unable to find deployment"),
        "The LMS sent a deployment id that is not among the registered platform's deployment ids.",
    ),
    (
        re.compile(r"State not found"),
        "The sign-in step of this launch was not found: the browser did not send it back, "
        "or it expired.",
    ),
]


def in_words(error):
    """The refusal `error` (an exception, or its text) as the refusal page says it."""
    text = str(error) or type(error).__name__
    for pattern, words in PLAIN:
        if found := pattern.search(text):
            # pylti1p3 writes a client id the LMS did not send as "None".
            values = {k: "not sent" if v == "None" else v for k, v in found.groupdict().items()}
            return words.format(**values)
    return text
