// Preload: exposes the one `api` object (filled in by the app issue).
export {};
