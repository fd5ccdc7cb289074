"""Period reports: targets, frozen indicator snapshots, dashboards, review reports and news articles."""
