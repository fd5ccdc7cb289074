"""Military-service pages, one module per part of the cycle (each with its `urlpatterns`)."""
