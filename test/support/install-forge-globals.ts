// Jest setup for platform-backed tests: installs the Forge runtime seam before any @forge/* module loads.
import { installForgeGlobals } from '../../emulator/platform/runtime-globals';

installForgeGlobals();
