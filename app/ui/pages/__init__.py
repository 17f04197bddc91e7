"""The record pages of the window: groups and contacts, each a table with a search field and an edit form."""
