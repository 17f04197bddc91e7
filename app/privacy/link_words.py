"""A link check's verdict and reason codes (:mod:`app.privacy.links`) in plain words: one wording for the window
and the command line, in the user's language.

A code this module does not know (a newer checker's) is shown as the code itself rather than hidden.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.i18n import translate


def reason_words() -> dict[str, str]:
    """Every reason code of :data:`app.privacy.links.REASONS`, as one short sentence a member reads."""
    return {
        "userinfo": translate("links", "The address hides another site after an '@': the site named first is not "
                                       "the one that opens."),
        "backslash": translate("links", "The address contains a backslash (\\): a browser may open another site "
                                        "than the one it seems to name."),
        "punycode": translate("links", "The site's name is written in encoded letters (xn--…), a way to imitate a "
                                       "known site."),
        "mixed_scripts": translate("links", "The site's name mixes letters of different alphabets."),
        "confusable": translate("links", "The site's name uses letters that only look like others (a Cyrillic а "
                                         "for a Latin a)."),
        "zero_width": translate("links", "The address hides invisible characters."),
        "suffix_spoof": translate("links", "An official name is followed by another domain: the site is not the "
                                           "official one."),
        "lookalike": translate("links", "The site's name looks like an official shopping site's but is not."),
        "shortener": translate("links", "A short link hides where it really leads."),
        "ip_host": translate("links", "The address is a bare number (an IP address), not a named site."),
        "not_https": translate("links", "The link is not encrypted (http, not https)."),
        "bad_scheme": translate("links", "This is not a web link: opening it could run code or open a file."),
        "unknown_domain": translate("links", "The site is not one of the known shopping platforms."),
    }


def reason_text(code: str) -> str:
    """One reason code in plain words (an unknown code as itself)."""
    return reason_words().get(code, code)


def reasons_text(codes: Iterable[str]) -> list[str]:
    """The reasons in plain words, in the checker's order (most serious first)."""
    words = reason_words()
    return [words.get(code, code) for code in codes]


def verdict_words() -> dict[str, str]:
    """The verdicts as a short heading: what the user reads before the reasons."""
    return {
        "ok": translate("links", "Official shopping platform link"),
        "warn": translate("links", "Caution"),
        "danger": translate("links", "Danger"),
    }


def verdict_text(verdict: str) -> str:
    return verdict_words().get(str(verdict), str(verdict))
