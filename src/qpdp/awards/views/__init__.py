"""Pages of emulation and awards: overview, campaigns, nominations, decisions, conferences."""
