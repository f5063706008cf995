// Electron main process (filled in by the app issue).
export {};
