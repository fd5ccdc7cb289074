"""Report pages, one module per part (each with its `urlpatterns`): the reports and their workflow."""
