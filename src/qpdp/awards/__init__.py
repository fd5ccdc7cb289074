"""Emulation and awards: campaigns and pledges, nominations, award decisions, review conferences."""
