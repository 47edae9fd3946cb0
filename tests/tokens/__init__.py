"""Token lifecycle: caching, refresh, single-flight, httpx.Auth, assertion builders."""
