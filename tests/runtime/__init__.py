"""The runtime every generated package shares: errors, retries, timeouts, secret-safe output."""
