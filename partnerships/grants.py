"""Who sees the coverage pages: published inspections are public facts, so everyone signed in."""

from core.models import active


def reads_coverage(user) -> bool:
    return active(user)
