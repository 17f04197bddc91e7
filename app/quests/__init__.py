"""The game: rules engine, quest chains, achievements, levels and badge art (content/ holds the data)."""
