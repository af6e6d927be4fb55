"""The web app: pages, JSON API and the security they share."""
