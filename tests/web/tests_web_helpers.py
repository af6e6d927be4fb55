"""Constants the web tests share."""

ERROR_KEYS = {"code", "message", "details"}
