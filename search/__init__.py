"""One search over what the domains register (issue 29): the index's upkeep and, later, the search pages."""
