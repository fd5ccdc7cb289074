"""Military service (nghĩa vụ quân sự) and the police-service obligation: the yearly call-up cycle."""
