"""Developer tools: the throwaway PostgreSQL server and the pytest plugin that picks the test database."""
