// Jest setup for platform-backed tests: installs the Forge runtime seam before any @forge/* module loads.
export {};
